// Migration 20261204031000: the audit log refuses UPDATE, DELETE and TRUNCATE in the database itself.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { createTestAccount } from "@/testing/db/factories";

async function auditedStaff() {
  const staff = await prisma.staffUser.create({
    data: { email: `audited-${randomBytes(4).toString("hex")}@example.com`, passwordHash: "unused" },
  });
  const account = await createTestAccount();
  await recordAudit({ staffUserId: staff.id, action: "account.view", accountId: account.id, targetType: "account" });
  const row = await prisma.auditLog.findFirstOrThrow({ where: { staffUserId: staff.id } });
  return { staff, account, row };
}

describe("audit log is append-only", () => {
  it("refuses to change or delete a row", async () => {
    const { row } = await auditedStaff();
    await expect(
      prisma.auditLog.update({ where: { id: row.id }, data: { action: "nothing.happened" } }),
    ).rejects.toThrow(/append-only/);
    await expect(prisma.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
    // Not even the one change the foreign key may make, when asked for directly.
    await expect(prisma.auditLog.update({ where: { id: row.id }, data: { staffUserId: null } })).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.auditLog.findUniqueOrThrow({ where: { id: row.id } })).resolves.toEqual(row);
  });

  it("still lets an account be deleted (AuditLog.accountId has no foreign key) and keeps its rows", async () => {
    const { account, row } = await auditedStaff();
    await prisma.account.delete({ where: { id: account.id } });
    await expect(prisma.auditLog.findUniqueOrThrow({ where: { id: row.id } })).resolves.toEqual(row);
  });

  it("lets a staff member row be deleted through ON DELETE SET NULL only, keeping the rest of the row", async () => {
    const { staff, row } = await auditedStaff();
    await prisma.staffUser.delete({ where: { id: staff.id } });
    const kept = await prisma.auditLog.findUniqueOrThrow({ where: { id: row.id } });
    expect(kept).toEqual({ ...row, staffUserId: null });
  });
});
