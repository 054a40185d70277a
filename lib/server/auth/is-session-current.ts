import type { Principal } from "@/lib/auth/principal";
import { prisma } from "@/lib/db";

/**
 * Whether a signed-in session still stands: its sign-in version is the account's current one (a password
 * reset or staff:disable bumps it) and, for staff, the member is not disabled. One primary-key read.
 */
export async function isSessionCurrent(principal: Principal, sessionVersion: number): Promise<boolean> {
  if (principal.role === "staff") {
    const staff = await prisma.staffUser.findUnique({
      where: { id: principal.staffUserId },
      select: { sessionVersion: true, disabledAt: true },
    });
    return Boolean(staff && !staff.disabledAt && staff.sessionVersion === sessionVersion);
  }
  const account = await prisma.account.findUnique({
    where: { id: principal.accountId },
    select: { sessionVersion: true },
  });
  return account?.sessionVersion === sessionVersion;
}
