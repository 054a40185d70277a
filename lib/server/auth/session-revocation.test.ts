import { describe, expect, it } from "vitest";
import { isSessionExpired, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/auth-options";
import { prisma } from "@/lib/db";
import { disableStaffUser } from "@/lib/server/auth/disable-staff-user";
import { isSessionCurrent } from "@/lib/server/auth/is-session-current";
import { revokeStaffSessions } from "@/lib/server/auth/revoke-staff-sessions";
import { STAFF_SIGN_IN_FAILED, signInStaff } from "@/lib/server/auth/sign-in-staff";
import { createStaffUser } from "@/lib/server/staff/create-staff-user";
import { createTestAccount } from "@/testing/db/factories";

let counter = 0;
async function staffSession() {
  const email = `revoke${++counter}-${Date.now()}@example.com`;
  await createStaffUser({ email, password: "a long enough password" });
  const session = await signInStaff({ email, password: "a long enough password" }, `10.30.0.${counter}`);
  return { email, session, principal: { role: "staff" as const, staffUserId: session.staffUserId, email } };
}

describe("session revocation", () => {
  it("ends sessions 8 hours after sign-in, however often they were renewed", () => {
    const signedInAt = Date.now();
    expect(isSessionExpired(signedInAt, signedInAt + 60_000)).toBe(false);
    expect(isSessionExpired(signedInAt, signedInAt + SESSION_MAX_AGE_SECONDS * 1000)).toBe(true);
    expect(SESSION_MAX_AGE_SECONDS).toBe(8 * 60 * 60);
    // A token from before sign-in times were recorded is not trusted either.
    expect(isSessionExpired(undefined)).toBe(true);
  });

  it("ends a staff member's sessions when the password is reset", async () => {
    const { email, session, principal } = await staffSession();
    expect(await isSessionCurrent(principal, session.sessionVersion)).toBe(true);
    const again = await createStaffUser({ email, password: "another long password" });
    await revokeStaffSessions(again.id);
    expect(await isSessionCurrent(principal, session.sessionVersion)).toBe(false);
  });

  it("staff:disable refuses sign-in, ends sessions and keeps the audit rows", async () => {
    const { email, session, principal } = await staffSession();
    await prisma.auditLog.create({ data: { staffUserId: session.staffUserId, action: "test.read" } });
    const disabled = await disableStaffUser({ email: ` ${email.toUpperCase()} ` });
    expect(disabled).toMatchObject({ email, wasAlreadyDisabled: false });
    expect(await isSessionCurrent(principal, session.sessionVersion)).toBe(false);
    expect(await isSessionCurrent(principal, session.sessionVersion + 1)).toBe(false);
    await expect(signInStaff({ email, password: "a long enough password" }, "10.30.9.9")).rejects.toThrow(
      STAFF_SIGN_IN_FAILED,
    );
    expect(await prisma.auditLog.count({ where: { staffUserId: session.staffUserId } })).toBe(1);
    expect(await prisma.staffUser.count({ where: { email } })).toBe(1);
    await expect(disableStaffUser({ email })).resolves.toMatchObject({ wasAlreadyDisabled: true });
    await expect(disableStaffUser({ email: "nobody@example.com" })).rejects.toThrow(/No staff user/);
  });

  it("checks a brand session against the account's session version", async () => {
    const account = await createTestAccount();
    const principal = { role: "brand" as const, accountId: account.id, impactSid: account.impactSid, companyName: "x" };
    expect(await isSessionCurrent(principal, 0)).toBe(true);
    await prisma.account.update({ where: { id: account.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await isSessionCurrent(principal, 0)).toBe(false);
    expect(await isSessionCurrent({ ...principal, accountId: "gone" }, 0)).toBe(false);
  });
});
