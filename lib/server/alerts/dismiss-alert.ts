import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { auditActorOf, recordAudit } from "@/lib/server/audit/record-audit";
import { accountCondition, type EventScope } from "@/lib/server/events/event-scope";

/**
 * A person's Dismiss on a banner (SPEC §12): the open alert is cleared as "dismissed" and the dismissal is
 * audited in the same transaction, whoever made it (a brand for its own account, staff for any). Another
 * account's alert, or one already cleared, is NOT_FOUND. The next occurrence opens a new alert.
 */
export async function dismissAlert(scope: EventScope, alertId: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const [dismissed] = await tx.alert.updateManyAndReturn({
      where: { id: alertId, clearedAt: null, ...accountCondition(scope) },
      data: { clearedAt: now, clearedReason: "dismissed" },
      select: { id: true, accountId: true, integrationId: true, kind: true, count: true },
    });
    if (!dismissed) throw new AppError("NOT_FOUND", "This alert is no longer open (it was resolved or dismissed).");
    await recordAudit(
      {
        ...auditActorOf(scope),
        action: "alert.dismiss",
        accountId: dismissed.accountId,
        targetType: "alert",
        targetId: dismissed.id,
        details: { integrationId: dismissed.integrationId, kind: dismissed.kind, count: dismissed.count },
      },
      tx,
    );
  });
}
