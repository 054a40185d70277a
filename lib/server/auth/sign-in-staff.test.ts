import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { SIGN_IN_IN_PROGRESS } from "@/lib/server/auth/login-rate-limit";
import { STAFF_SIGN_IN_FAILED, signInStaff } from "@/lib/server/auth/sign-in-staff";
import { countPasswordVerifications, SIGN_IN_BUSY } from "@/lib/server/auth/verify-password";

let counter = 0;
async function staffMember(password = "the right password") {
  counter++;
  const email = `staff${counter}-${Date.now()}@example.com`;
  // bcryptjs hashes stay valid: the native verifier reads the same format.
  await prisma.staffUser.create({ data: { email, passwordHash: await bcrypt.hash(password, 4) } });
  return email;
}
const attempted = async <T>(run: () => Promise<T>) => {
  const before = countPasswordVerifications();
  const results = await run();
  return { results, verifications: countPasswordVerifications() - before };
};

describe("signInStaff", () => {
  it("verifies a bcryptjs hash with the native verifier and returns the session version", async () => {
    const email = await staffMember();
    await expect(signInStaff({ email, password: "the right password" }, "10.20.0.1")).resolves.toMatchObject({
      email,
      sessionVersion: 0,
    });
  });

  it("verifies at most one of 50 concurrent wrong passwords for one email from one IP", async () => {
    const email = await staffMember();
    const { results, verifications } = await attempted(() =>
      Promise.allSettled(
        Array.from({ length: 50 }, (_, n) => signInStaff({ email, password: `wrong password ${n}` }, "10.20.1.1")),
      ),
    );
    expect(results.every((result) => result.status === "rejected")).toBe(true);
    expect(verifications).toBeLessThanOrEqual(5);
    const reasons = results.map((result) => (result as PromiseRejectedResult).reason.message);
    expect(reasons).toContain(STAFF_SIGN_IN_FAILED);
    expect(reasons).toContain(SIGN_IN_IN_PROGRESS);
    expect(await prisma.loginAttempt.count({ where: { key: `staff:${email}@10.20.1.1` } })).toBe(verifications);
  });

  it("stops hashing once a key is delayed, and never verifies more than five in a row", async () => {
    const email = await staffMember();
    const { verifications } = await attempted(async () => {
      for (let n = 0; n < 12; n++) {
        await signInStaff({ email, password: `wrong password ${n}` }, "10.20.2.1").catch(() => undefined);
      }
    });
    expect(verifications).toBe(5);
    await expect(signInStaff({ email, password: "the right password" }, "10.20.2.1")).rejects.toThrow(
      /Too many failed sign-in attempts. Try again in \d+ seconds?\./,
    );
    // Someone else's failures do not lock the member out of another IP.
    await expect(signInStaff({ email, password: "the right password" }, "10.20.2.2")).resolves.toBeTruthy();
  });

  it("still costs one verification for an unknown email and for a disabled member", async () => {
    const email = await staffMember();
    await prisma.staffUser.update({ where: { email }, data: { disabledAt: new Date() } });
    const { verifications } = await attempted(async () => {
      await expect(signInStaff({ email: "nobody@example.com", password: "whatever" }, "10.20.3.1")).rejects.toThrow(
        STAFF_SIGN_IN_FAILED,
      );
      await expect(signInStaff({ email, password: "the right password" }, "10.20.3.1")).rejects.toThrow(
        STAFF_SIGN_IN_FAILED,
      );
    });
    expect(verifications).toBe(2);
  });

  it("answers 'too many sign-ins at once' when the hashing pool is full, without counting a failure", async () => {
    const emails = await Promise.all(Array.from({ length: 12 }, () => staffMember()));
    const results = await Promise.allSettled(
      emails.map((email, n) => signInStaff({ email, password: "wrong password" }, `10.20.4.${n}`)),
    );
    const busy = results.filter(
      (result) => result.status === "rejected" && (result.reason as Error).message === SIGN_IN_BUSY,
    );
    expect(busy.length).toBeGreaterThan(0);
    expect((busy[0] as PromiseRejectedResult).reason).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    const failures = await prisma.loginAttempt.count({
      where: { key: { startsWith: "ip:10.20.4." }, succeeded: false },
    });
    expect(failures).toBe(12 - busy.length);
  });
});
