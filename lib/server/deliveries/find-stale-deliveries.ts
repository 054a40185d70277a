import { prisma } from "@/lib/db";
import type { EnqueuedDelivery } from "@/lib/jobs/job-runner";
import { ACTIVE_DELIVERY_STATUSES } from "@/lib/server/deliveries/active-statuses";

/** How long past due a delivery may sit before the Inngest sweeper hands it over again. */
export const STALE_AFTER_MS = 10 * 60_000;

/**
 * Deliveries that should be running but are not: due for a while, not leased by any worker.
 * Under Inngest this happens when the hand-off after commit failed (Inngest unreachable).
 */
export async function findStaleDeliveries(limit = 500, now = new Date()): Promise<EnqueuedDelivery[]> {
  const rows = await prisma.delivery.findMany({
    where: {
      status: { in: ACTIVE_DELIVERY_STATUSES },
      dueAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    orderBy: { dueAt: "asc" },
    take: limit,
    select: { id: true, kind: true, dueAt: true, generation: true },
  });
  return rows.map((row) => ({ id: row.id, kind: row.kind, dueAt: row.dueAt!, generation: row.generation }));
}
