import { creditReward } from "@/lib/server/rewards/credit-reward";
import { loadRewardWork } from "@/lib/server/rewards/load-reward-work";
import { redeemRewardCredit } from "@/lib/server/rewards/redeem-reward-credit";
import type { RewardRunner } from "@/lib/server/rewards/reward-attempts";
import type { CreditOutcome, RedeemOutcome } from "@/lib/server/rewards/reward-outcome";

/**
 * The local worker's unit of work for one claimed reward credit: the credit while it is undecided, the
 * redeem once credited. Each commits its own state, so a credited row falls due again for its redeem.
 */
export async function attemptRewardCredit(
  rewardCreditId: string,
  leaseToken: string,
  runner: RewardRunner,
): Promise<CreditOutcome | RedeemOutcome> {
  const work = await loadRewardWork(rewardCreditId);
  if (work?.status === "credited") return redeemRewardCredit(rewardCreditId, leaseToken, runner);
  return creditReward(rewardCreditId, leaseToken, runner);
}
