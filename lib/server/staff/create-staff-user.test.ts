import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { STAFF_SIGN_IN_FAILED, signInStaff } from "@/lib/server/auth/sign-in-staff";
import { createStaffUser } from "@/lib/server/staff/create-staff-user";

describe("staff accounts", () => {
  it("creates a staff user with a bcrypt hash, never the password", async () => {
    const staff = await createStaffUser({ email: " Ada@Example.com ", password: "correct horse battery" });
    expect(staff).toMatchObject({ email: "ada@example.com", isNew: true });
    const row = await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(row.passwordHash).not.toContain("horse");
  });

  it("rejects short passwords and bad emails with the rule", async () => {
    await expect(createStaffUser({ email: "not-an-email", password: "x" })).rejects.toThrow(
      /valid email address.*at least 12 characters/,
    );
  });

  it("signs in with the right password only, and resets the password when created again", async () => {
    await createStaffUser({ email: "grace@example.com", password: "first password!" });
    await expect(
      signInStaff({ email: "grace@example.com", password: "first password!" }, "10.0.0.1"),
    ).resolves.toMatchObject({
      email: "grace@example.com",
    });
    await expect(signInStaff({ email: "grace@example.com", password: "wrong password!" }, "10.0.0.1")).rejects.toThrow(
      STAFF_SIGN_IN_FAILED,
    );
    const again = await createStaffUser({ email: "grace@example.com", password: "second password!" });
    expect(again.isNew).toBe(false);
    await expect(
      signInStaff({ email: "grace@example.com", password: "first password!" }, "10.0.0.1"),
    ).rejects.toThrow();
    await expect(
      signInStaff({ email: "grace@example.com", password: "second password!" }, "10.0.0.1"),
    ).resolves.toBeTruthy();
  });

  it("delays an email after five failures from one IP, says when to come back, and admits it elsewhere", async () => {
    await createStaffUser({ email: "eve@example.com", password: "the real password" });
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(signInStaff({ email: "eve@example.com", password: `guess${attempt}` }, "10.0.0.2")).rejects.toThrow(
        STAFF_SIGN_IN_FAILED,
      );
    }
    await expect(signInStaff({ email: "eve@example.com", password: "the real password" }, "10.0.0.2")).rejects.toThrow(
      /Too many failed sign-in attempts. Try again in 30 seconds/,
    );
    await expect(
      signInStaff({ email: "eve@example.com", password: "the real password" }, "10.0.0.3"),
    ).resolves.toBeTruthy();
  });
});
