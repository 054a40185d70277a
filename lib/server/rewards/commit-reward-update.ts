import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type RewardExchange, type RewardRunner, writeRewardAttempts } from "@/lib/server/rewards/reward-attempts";

export type RewardUpdate = {
  data: Prisma.RewardCreditUpdateManyMutationInput;
  /** The exchanges since the last commit, written with the change. */
  exchanges: RewardExchange[];
  /** Keep the lease (a mid-try commit, e.g. marking the credit in flight); else it is released. */
  keepsLease?: boolean;
};

/**
 * Applies one change of a reward credit and its exchanges in one transaction — only while `leaseToken`
 * is still the row's. Returns false (writing nothing) when the lease was lost to another runner.
 */
export async function commitRewardUpdate(
  rewardCreditId: string,
  leaseToken: string,
  attemptNumber: number,
  runner: RewardRunner,
  update: RewardUpdate,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.rewardCredit.updateMany({
      where: { id: rewardCreditId, leaseToken },
      data: { ...update.data, ...(update.keepsLease ? {} : { leaseToken: null, leaseUntil: null }) },
    });
    if (count !== 1) return false;
    await writeRewardAttempts(tx, rewardCreditId, attemptNumber, runner, update.exchanges);
    return true;
  });
}
