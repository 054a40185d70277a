// Step 1 of a credit try (SPEC §11): the webhook may be stale or early, so the reward is read again and only
// an available one — given, not pending, cancelled, expired or already redeemed — goes on to be credited.
import type { AdvocateCredentials } from "@/lib/advocate/advocate-http";
import { type AdvocateReward, readReward } from "@/lib/advocate/read-reward";
import { rewardAvailability } from "@/lib/advocate/reward-availability";
import { advocateFailureDecision } from "@/lib/server/rewards/classify-reward-failures";
import type { RewardWork } from "@/lib/server/rewards/load-reward-work";
import type { RewardExchange } from "@/lib/server/rewards/reward-attempts";
import { type CreditDecision, settle, waitForAvailability } from "@/lib/server/rewards/reward-decisions";

export type RewardCheck =
  | { kind: "available"; reward: AdvocateReward; exchange: RewardExchange }
  | { kind: "decided"; decision: CreditDecision; exchange: RewardExchange };

const day = (ms: number | null) => (ms === null ? "?" : new Date(ms).toISOString().slice(0, 10));

export async function checkRewardInAdvocate(work: RewardWork, credentials: AdvocateCredentials): Promise<RewardCheck> {
  const startedAt = new Date();
  const read = await readReward(credentials, work.rewardId);
  const exchange: RewardExchange = { step: "reward-read", startedAt, exchange: read.exchange };
  const decided = (decision: CreditDecision): RewardCheck => ({ kind: "decided", decision, exchange });
  if (!read.ok) {
    if (read.failure.kind === "not_found") {
      return decided(settle(work, "skipped", `reward ${work.rewardId} no longer exists in Advocate`));
    }
    return decided(advocateFailureDecision(work, read.failure, `reading reward ${work.rewardId}`));
  }
  const reward = read.value;
  switch (rewardAvailability(reward, Date.now())) {
    case "pending":
      return decided(waitForAvailability(work));
    case "cancelled":
      return decided(settle(work, "skipped", `cancelled in Advocate on ${day(reward.dateCancelled)}`));
    case "expired":
      return decided(settle(work, "skipped", `expired in Advocate on ${day(reward.dateExpires)}`));
    case "redeemed":
      return decided(settle(work, "skipped", "already redeemed in Advocate"));
    case "available":
      break;
  }
  // Partly redeemed elsewhere: crediting the whole amount would pay part of it twice.
  if ((reward.redeemedCredit ?? 0) > 0) {
    return decided(
      settle(work, "skipped", `already redeemed in Advocate (${reward.redeemedCredit} of ${reward.assignedCredit})`),
    );
  }
  if (reward.unit !== work.unit) {
    return decided(
      settle(work, "skipped", `the reward's unit is now ${reward.unit ?? "none"} in Advocate, not ${work.unit}`),
    );
  }
  if (reward.assignedCredit === null || reward.assignedCredit <= 0 || reward.assignedCredit > 2_147_483_647) {
    return decided(settle(work, "skipped", `the reward assigns ${reward.assignedCredit ?? "no"} credit in Advocate`));
  }
  return { kind: "available", reward, exchange };
}
