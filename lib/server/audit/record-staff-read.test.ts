import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { recordStaffRead } from "@/lib/server/audit/record-staff-read";

async function createStaff() {
  return prisma.staffUser.create({
    data: { email: `reader-${randomBytes(4).toString("hex")}@example.com`, passwordHash: "unused" },
  });
}

const rowsOf = (staffUserId: string) =>
  prisma.auditLog.findMany({ where: { staffUserId }, orderBy: { createdAt: "asc" } });

describe("staff reads in the audit log", () => {
  it("records one row per staff member, resource and 10 minutes", async () => {
    const staff = await createStaff();
    const other = await createStaff();
    const read = { staffUserId: staff.id, action: "event.view", accountId: "acc_1", targetType: "event" } as const;

    await expect(recordStaffRead({ ...read, targetId: "evt_1" })).resolves.toBe(true);
    await expect(recordStaffRead({ ...read, targetId: "evt_1" })).resolves.toBe(false);
    await expect(recordStaffRead({ ...read, targetId: "evt_2" })).resolves.toBe(true);
    await expect(recordStaffRead({ ...read, staffUserId: other.id, targetId: "evt_1" })).resolves.toBe(true);
    await expect(
      recordStaffRead({ staffUserId: staff.id, action: "events.list", accountId: null, targetType: "events" }),
    ).resolves.toBe(true);
    await expect(
      recordStaffRead({ staffUserId: staff.id, action: "events.list", accountId: "acc_1", targetType: "events" }),
    ).resolves.toBe(true);
    await expect(
      recordStaffRead({ staffUserId: staff.id, action: "events.list", accountId: null, targetType: "events" }),
    ).resolves.toBe(false);

    const rows = await rowsOf(staff.id);
    expect(rows.map((row) => [row.action, row.accountId, row.targetId])).toEqual([
      ["event.view", "acc_1", "evt_1"],
      ["event.view", "acc_1", "evt_2"],
      ["events.list", null, null],
      ["events.list", "acc_1", null],
    ]);
    expect(rows[0]).toMatchObject({ actor: "staff", targetType: "event" });
    // Stored as UTC like every Prisma-written timestamp.
    expect(Math.abs(rows[0]!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("records again once the last row is older than 10 minutes", async () => {
    const staff = await createStaff();
    const read = {
      staffUserId: staff.id,
      action: "event.view",
      accountId: "a",
      targetType: "event",
      targetId: "e",
    } as const;
    // The log is append-only, so the old row is written old rather than aged afterwards.
    await prisma.auditLog.create({
      data: { ...read, actor: "staff", createdAt: new Date(Date.now() - 11 * 60_000) },
    });
    await expect(recordStaffRead(read)).resolves.toBe(true);
    await expect(recordStaffRead(read)).resolves.toBe(false);
    expect(await rowsOf(staff.id)).toHaveLength(2);
  });

  it("adds one row for many concurrent reads of the same resource", async () => {
    const staff = await createStaff();
    const read = { staffUserId: staff.id, action: "events.list", accountId: null, targetType: "events" } as const;
    const results = await Promise.all(Array.from({ length: 20 }, () => recordStaffRead(read)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await rowsOf(staff.id)).toHaveLength(1);
  });
});
