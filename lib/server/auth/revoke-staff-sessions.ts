import { prisma } from "@/lib/db";

/** Ends every open session of a staff member at its next request, e.g. after their password was reset. */
export async function revokeStaffSessions(staffUserId: string): Promise<void> {
  await prisma.staffUser.update({ where: { id: staffUserId }, data: { sessionVersion: { increment: 1 } } });
}
