import { prisma, type TransactionClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditAction =
  | "delivery.replay"
  | "delivery.mark-delivered"
  | "deliveries.retry-failed"
  | "account.view"
  | "events.export"
  | "events.recover"
  | "rewards.export"
  | "advocate.connect"
  | "advocate.disconnect"
  | "reward.retry"
  | "alert.dismiss"
  // Where an account's alerts go (the webhook URL itself is never in the details: it is a credential).
  | "notifications.save"
  // Staff reads of tenant data (recorded through recordStaffRead, at most one per staff member, resource and 10 min).
  | "events.list"
  | "event.view"
  | "rewards.list"
  | "reward.view";

export type AuditTargetType =
  | "delivery"
  | "account"
  | "events"
  | "event"
  | "integration"
  | "reward"
  | "rewards"
  | "alert";

export type AuditEntry = {
  /** Staff act by id; a brand acting on its own account (its accountId) has none. */
  staffUserId: string | null;
  action: AuditAction;
  accountId?: string | null;
  targetType?: AuditTargetType;
  targetId?: string | null;
  details?: Prisma.InputJsonValue;
};

/** The actor fields of an entry for whoever is acting: staff by id, a brand by the account it acts on. */
export function auditActorOf(scope: { role: "staff"; staffUserId: string } | { role: "brand"; accountId: string }) {
  return { staffUserId: scope.role === "staff" ? scope.staffUserId : null };
}

/**
 * Appends one staff (or brand) action to the audit log. Pass the transaction of the action itself so the
 * record and the change commit together (no replay without its audit row, no audit row for a
 * replay that rolled back).
 */
export async function recordAudit(entry: AuditEntry, db: TransactionClient = prisma): Promise<void> {
  await db.auditLog.create({
    data: {
      actor: entry.staffUserId ? "staff" : "brand",
      staffUserId: entry.staffUserId,
      action: entry.action,
      accountId: entry.accountId ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details,
    },
  });
}
