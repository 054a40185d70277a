import { prisma } from "@/lib/db";
import type { EnqueuedRewardCredit } from "@/lib/jobs/job-runner";
import { STALE_AFTER_MS } from "@/lib/server/deliveries/find-stale-deliveries";
import { ACTIVE_REWARD_CREDIT } from "@/lib/server/rewards/claim-reward-credits";

/**
 * Reward credits that should be running but are not: due for a while, not leased. Under Inngest this
 * happens when the hand-off after commit failed (Inngest unreachable); the sweeper hands them over again
 * with the same event id, so a credit Inngest already has is not started twice.
 */
export async function findStaleRewardCredits(limit = 500, now = new Date()): Promise<EnqueuedRewardCredit[]> {
  return prisma.rewardCredit.findMany({
    where: {
      ...ACTIVE_REWARD_CREDIT,
      dueAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) },
      AND: [{ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] }],
    },
    orderBy: { dueAt: "asc" },
    take: limit,
    select: { id: true, generation: true },
  });
}
