// The scrape-time gauges of /api/metrics, read from the database in three small queries so that every
// portal process reports the same numbers (the queue is shared; nothing here is counted in memory).
import { createHash } from "node:crypto";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { DeliveryStatus } from "@/lib/generated/prisma/client";
import { ACTIVE_DELIVERY_STATUSES } from "@/lib/server/deliveries/active-statuses";
import { getMetrics } from "@/lib/server/operations/metrics";

const HOUR_MS = 3_600_000;

/**
 * The SID is the user name of an impact.com account's API credentials and names the brand: metrics are
 * often scraped into systems with wider access than the portal (and are open when METRICS_TOKEN is unset),
 * so they carry a short stable hash instead. An operator finds an account's series by hashing its SID.
 */
function impactSidHash(impactSid: string): string {
  return createHash("sha256").update(impactSid).digest("hex").slice(0, 12);
}

/** Sets portal_deliveries{status}, the due count and age, submissions awaiting outcome and this hour's budget use. */
export async function syncDeliveryGauges(now = new Date()): Promise<void> {
  const hourStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const [byStatus, due, budget] = await Promise.all([
    prisma.$queryRaw<{ status: DeliveryStatus; count: number }[]>`
      SELECT status, count(*)::int AS count FROM "Delivery" GROUP BY status`,
    prisma.$queryRaw<{ count: number; oldest: Date | null }[]>`
      SELECT count(*)::int AS count, min("dueAt") AS oldest FROM "Delivery"
      WHERE status::text = ANY(${ACTIVE_DELIVERY_STATUSES}::text[]) AND "dueAt" <= ${now}`,
    prisma.impactBudgetWindow.findMany({ where: { hourStart }, select: { impactSid: true, used: true } }),
  ]);
  const metrics = getMetrics();
  const counts = new Map(byStatus.map((row) => [row.status, row.count]));
  // Every status is reported, zero included, so a status that empties does not keep its last value.
  for (const status of Object.values(DeliveryStatus)) metrics.deliveries.set({ status }, counts.get(status) ?? 0);
  metrics.awaitingOutcome.set(counts.get("sent") ?? 0);
  const oldest = due[0]?.oldest;
  metrics.deliveriesDue.set(due[0]?.count ?? 0);
  metrics.oldestDueAge.set(oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0);
  // Windows of past hours are not this hour's use: reset, then set only the current ones.
  metrics.impactBudgetUsed.reset();
  for (const { impactSid, used } of budget)
    metrics.impactBudgetUsed.set({ impact_sid_hash: impactSidHash(impactSid) }, used);
  metrics.impactBudgetLimit.set(getEnv().IMPACT_HOURLY_BUDGET);
}
