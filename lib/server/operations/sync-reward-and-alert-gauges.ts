// Scrape-time gauges of the Advocate reward credits and the open alerts, read from the database like the
// delivery gauges, so every portal process reports the same numbers.
import { prisma } from "@/lib/db";
import { AlertKind, RewardCreditStatus } from "@/lib/generated/prisma/client";
import { getMetrics } from "@/lib/server/operations/metrics";

/** Sets portal_reward_credits{status}, portal_reward_credits_due and portal_open_alerts{kind}. */
export async function syncRewardAndAlertGauges(now = new Date()): Promise<void> {
  const [byStatus, due, alerts] = await Promise.all([
    prisma.rewardCredit.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.rewardCredit.count({
      where: { dueAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    }),
    prisma.alert.groupBy({ by: ["kind"], where: { clearedAt: null }, _count: { _all: true } }),
  ]);
  const metrics = getMetrics();
  const credits = new Map(byStatus.map((row) => [row.status, row._count._all]));
  // Every status and kind is reported, zero included, so one that empties does not keep its last value.
  for (const status of Object.values(RewardCreditStatus))
    metrics.rewardCredits.set({ status }, credits.get(status) ?? 0);
  metrics.rewardCreditsDue.set(due);
  const open = new Map(alerts.map((row) => [row.kind, row._count._all]));
  for (const kind of Object.values(AlertKind)) metrics.openAlerts.set({ kind }, open.get(kind) ?? 0);
}
