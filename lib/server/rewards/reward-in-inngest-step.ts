// One claimed try of a reward credit inside an Inngest step, and what it tells the function: done,
// sleep until a time and try again (pending in Advocate, or a failure that may pass — our own counts and
// backoff decide, as with the local runner), or RetryAfterError when another runner holds the lease.
// Unexpected errors (the database down) are thrown, so Inngest retries the step.
import { RetryAfterError } from "inngest";
import { claimRewardCredit, type RewardUnitOfWork } from "@/lib/server/rewards/claim-reward-credits";
import { creditReward } from "@/lib/server/rewards/credit-reward";
import { loadRewardWork } from "@/lib/server/rewards/load-reward-work";
import { redeemRewardCredit } from "@/lib/server/rewards/redeem-reward-credit";

/** Another runner holds the lease (at most LEASE_MS); look again soon rather than wait it out. */
const LEASE_BUSY_RETRY = "30s";

/** A step's answer is JSON: dates travel as ISO strings. */
export type RewardStepSummary =
  /** `again`: try this unit again at `nextAttemptAt` (after step.sleepUntil). */
  | { rewardCreditId: string; unit: RewardUnitOfWork; next: "again"; nextAttemptAt: string; reason: string }
  /** `redeem`: the credit is on Stripe, the redeem is due. */
  | { rewardCreditId: string; unit: RewardUnitOfWork; next: "redeem" }
  | { rewardCreditId: string; unit: RewardUnitOfWork; next: "done"; status: string; reason?: string };

/** Where the row stands when this run could not (or need not) try: another runner has it, or it moved on. */
async function settleUnclaimed(
  rewardCreditId: string,
  unit: RewardUnitOfWork,
  generation: number,
): Promise<RewardStepSummary> {
  const work = await loadRewardWork(rewardCreditId);
  if (!work) return { rewardCreditId, unit, next: "done", status: "missing", reason: "no such reward credit" };
  if (work.generation !== generation) {
    return {
      rewardCreditId,
      unit,
      next: "done",
      status: "superseded",
      reason: `Try again started generation ${work.generation}`,
    };
  }
  const isCreditOpen = work.status === "pending" || work.status === "retrying";
  const isRedeemOpen = work.status === "credited" && work.redeemStatus === "pending";
  if ((unit === "credit" && isCreditOpen) || (unit === "redeem" && isRedeemOpen)) {
    throw new RetryAfterError(`reward credit ${rewardCreditId} is being tried by another runner`, LEASE_BUSY_RETRY);
  }
  if (unit === "credit" && isRedeemOpen) return { rewardCreditId, unit, next: "redeem" };
  return {
    rewardCreditId,
    unit,
    next: "done",
    status: work.status === "credited" ? `redeem ${work.redeemStatus}` : work.status,
  };
}

/** One credit try (the whole credit, for use as one step.run). */
export async function creditInStep(rewardCreditId: string, generation = 0): Promise<RewardStepSummary> {
  const unit = "credit";
  const current = await loadRewardWork(rewardCreditId);
  if (current && current.generation !== generation) return settleUnclaimed(rewardCreditId, unit, generation);
  const leaseToken = await claimRewardCredit(rewardCreditId, unit);
  if (!leaseToken) return settleUnclaimed(rewardCreditId, unit, generation);
  const outcome = await creditReward(rewardCreditId, leaseToken, "inngest");
  switch (outcome.status) {
    case "credited":
      return { rewardCreditId, unit, next: "redeem" };
    case "pending":
    case "retrying":
      return {
        rewardCreditId,
        unit,
        next: "again",
        nextAttemptAt: outcome.nextAttemptAt.toISOString(),
        reason: outcome.reason,
      };
    case "not-attempted":
      return settleUnclaimed(rewardCreditId, unit, generation);
    default:
      return { rewardCreditId, unit, next: "done", status: outcome.status, reason: outcome.reason };
  }
}

/** One redeem try (its own step.run, so it never re-runs the credit). */
export async function redeemInStep(rewardCreditId: string, generation = 0): Promise<RewardStepSummary> {
  const unit = "redeem";
  const leaseToken = await claimRewardCredit(rewardCreditId, unit);
  if (!leaseToken) return settleUnclaimed(rewardCreditId, unit, generation);
  const outcome = await redeemRewardCredit(rewardCreditId, leaseToken, "inngest");
  switch (outcome.redeemStatus) {
    case "redeemed":
      return { rewardCreditId, unit, next: "done", status: "redeemed" };
    case "pending":
      return {
        rewardCreditId,
        unit,
        next: "again",
        nextAttemptAt: outcome.nextAttemptAt.toISOString(),
        reason: outcome.reason,
      };
    case "failed":
      return { rewardCreditId, unit, next: "done", status: "redeem failed", reason: outcome.reason };
    case "not-attempted":
      return settleUnclaimed(rewardCreditId, unit, generation);
  }
}
