import { prisma, type TransactionClient } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { canMarkDelivered, markDeliveredRefusal } from "@/lib/events/replay-rules";
import { resolveDeliveryAlerts } from "@/lib/server/alerts/resolve-delivery-alerts";
import { auditActorOf, recordAudit } from "@/lib/server/audit/record-audit";
import { assertNoAttemptRunning, unchangedSince } from "@/lib/server/deliveries/person-change-guard";
import { accountCondition, type EventScope } from "@/lib/server/events/event-scope";
import type { MarkDeliveredResult } from "@/lib/views/event-view";

/** Who marked it, in words the log shows next to the delivery. */
async function markedByOf(scope: EventScope, tx: TransactionClient): Promise<string> {
  if (scope.role === "staff") {
    const staff = await tx.staffUser.findUnique({ where: { id: scope.staffUserId }, select: { email: true } });
    return `support (${staff?.email ?? scope.staffUserId})`;
  }
  const account = await tx.account.findUnique({ where: { id: scope.accountId }, select: { companyName: true } });
  return `${account?.companyName ?? "the brand"} (brand)`;
}

/**
 * "Mark as delivered" (SPEC §6): a send whose outcome is unknown (the portal died mid-send) was found
 * in impact.com by a person, so it becomes delivered without being sent again — a refund waiting for
 * it may then go out. Scoped like replayDelivery (a brand its own account, staff any); only from
 * `unknown`, else CONFLICT. The update is conditioned on the status and generation read, so a replay
 * or a second click in between is never overwritten. Every mark is audited in the same transaction,
 * a brand's as well as staff's, and the delivery's note names who marked it.
 */
export async function markDelivered(scope: EventScope, deliveryId: string): Promise<MarkDeliveredResult> {
  const marked = await prisma.$transaction(async (tx) => {
    const current = await tx.delivery.findFirst({
      where: { id: deliveryId, ...accountCondition(scope) },
      select: { id: true, status: true, generation: true, leaseUntil: true, accountId: true, stripeEventId: true },
    });
    if (!current) throw new AppError("NOT_FOUND", "No such delivery in this account.");
    if (!canMarkDelivered(current.status)) throw new AppError("CONFLICT", markDeliveredRefusal(current.status));
    const now = new Date();
    assertNoAttemptRunning(current, now);

    const markedBy = await markedByOf(scope, tx);
    const updated = await tx.delivery.updateMany({
      where: unchangedSince(current, now),
      data: {
        status: "delivered",
        deliveredAt: now,
        dueAt: null,
        leaseToken: null,
        leaseUntil: null,
        lastError: `Marked as delivered by ${markedBy} at ${now.toISOString()} after checking impact.com (the outcome of the send was unknown).`,
      },
    });
    if (updated.count === 0) {
      const latest = await tx.delivery.findUniqueOrThrow({ where: { id: current.id }, select: { status: true } });
      throw new AppError("CONFLICT", markDeliveredRefusal(latest.status));
    }
    await tx.stripeEvent.update({ where: { id: current.stripeEventId }, data: { outcome: "delivered" } });
    // Brands too: a person vouched for an outcome the portal could not see, and may have to say why later.
    await recordAudit(
      {
        ...auditActorOf(scope),
        action: "delivery.mark-delivered",
        accountId: current.accountId,
        targetType: "delivery",
        targetId: current.id,
        details: { generation: current.generation, previousStatus: current.status },
      },
      tx,
    );
    return { accountId: current.accountId, result: { status: "delivered" as const, deliveredAt: now.toISOString() } };
  });
  await resolveDeliveryAlerts({ accountId: marked.accountId });
  return marked.result;
}
