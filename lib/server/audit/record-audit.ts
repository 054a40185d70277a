import { prisma, type TransactionClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditAction =
  | "delivery.replay"
  | "deliveries.retry-failed"
  | "account.view"
  | "events.export"
  | "events.recover";

export type AuditEntry = {
  staffUserId: string;
  action: AuditAction;
  accountId?: string | null;
  targetType?: "delivery" | "account" | "events" | "integration";
  targetId?: string | null;
  details?: Prisma.InputJsonValue;
};

/**
 * Appends one staff action to the audit log. Pass the transaction of the action itself so the
 * record and the change commit together (no replay without its audit row, no audit row for a
 * replay that rolled back).
 */
export async function recordAudit(entry: AuditEntry, db: TransactionClient = prisma): Promise<void> {
  await db.auditLog.create({
    data: {
      staffUserId: entry.staffUserId,
      action: entry.action,
      accountId: entry.accountId ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details,
    },
  });
}
