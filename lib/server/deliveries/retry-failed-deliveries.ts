import { prisma } from "@/lib/db";
import { getJobRunner } from "@/lib/jobs/get-job-runner";
import type { EnqueuedDelivery } from "@/lib/jobs/job-runner";
import type { EventFilters } from "@/lib/schemas/events";
import { encodeKeysetCursor } from "@/lib/schemas/list-query";
import { resolveDeliveryAlerts } from "@/lib/server/alerts/resolve-delivery-alerts";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { commitReplay } from "@/lib/server/deliveries/commit-replay";
import type { EventScope } from "@/lib/server/events/event-scope";
import { afterCursor, EVENT_ORDER, eventWhere } from "@/lib/server/events/event-where";
import type { RetryBatchResult } from "@/lib/views/event-view";

export const RETRY_BATCH_SIZE = 200;

/**
 * One batch of "Retry all failed": the next `batchSize` exhausted events matching the filters
 * (whatever status the filters name), after `cursor`, each delivery replayed through the same
 * commitReplay as the single Replay button. Only exhausted ones: unknown and delivered ones may be at
 * impact.com already (a person's "Send again", one by one), sent ones are still being processed there,
 * rejected ones wait for a person to fix the cause, retrying ones retry by themselves. The caller
 * loops on `nextCursor` and shows progress; `total` is counted on the first batch. Replayed events leave the exhausted set, and the cursor
 * moves on past them, so a delivery that fails again at once is not retried twice in one run, and
 * events arriving meanwhile (newer, above the cursor) are not picked up.
 */
export async function retryFailedDeliveries(
  scope: EventScope,
  filters: EventFilters,
  { cursor = null, batchSize = RETRY_BATCH_SIZE }: { cursor?: string | null; batchSize?: number } = {},
): Promise<RetryBatchResult> {
  const where = await eventWhere(scope, { ...filters, status: "exhausted" });
  const total = cursor ? undefined : await prisma.stripeEvent.count({ where });
  const events = await prisma.stripeEvent.findMany({
    where: { AND: [where, afterCursor(cursor)] },
    orderBy: EVENT_ORDER,
    take: batchSize,
    select: {
      id: true,
      receivedAt: true,
      deliveries: { where: { status: "exhausted" }, select: { id: true } },
    },
  });
  const deliveryIds = events.flatMap((event) => event.deliveries.map((delivery) => delivery.id));

  const replayed = await prisma.$transaction(
    async (tx) => {
      const handed: EnqueuedDelivery[] = [];
      for (const deliveryId of deliveryIds) {
        const result = await commitReplay(scope, deliveryId, {}, tx);
        if (result.isReplayed) handed.push(result.delivery);
      }
      if (scope.role === "staff" && handed.length > 0) {
        await recordAudit(
          {
            staffUserId: scope.staffUserId,
            action: "deliveries.retry-failed",
            accountId: filters.account ?? null,
            targetType: "events",
            details: { filters, deliveryIds: handed.map((delivery) => delivery.id) },
          },
          tx,
        );
      }
      return handed;
    },
    // 200 small updates take well under a second; the default 5 s leaves too little room on a busy database.
    { timeout: 30_000 },
  );
  if (replayed.length > 0)
    await resolveDeliveryAlerts({ accountId: scope.role === "brand" ? scope.accountId : filters.account });
  await getJobRunner().enqueue(replayed);

  const last = events.at(-1);
  return {
    processed: events.length,
    replayed: replayed.length,
    total,
    nextCursor: events.length === batchSize && last ? encodeKeysetCursor(last.receivedAt, last.id) : null,
  };
}
