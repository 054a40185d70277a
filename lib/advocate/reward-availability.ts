// Whether a reward may be credited now (SPEC §11: only a given reward, not pending, cancelled or expired).
// Pure: the caller passes the clock, so a pending reward can be checked again later with the same rule.
import type { AdvocateReward } from "@/lib/advocate/reward-schema";

export type RewardAvailability = "available" | "pending" | "cancelled" | "expired" | "redeemed";

type RewardState = Pick<
  AdvocateReward,
  "statuses" | "dateGiven" | "dateScheduledFor" | "dateExpires" | "dateCancelled" | "assignedCredit" | "redeemedCredit"
>;

/**
 * Advocate's own `statuses` decide when present (a reward that is over wins over one that is not yet:
 * cancelled, expired, pending, then redeemed, then available); without them — a webhook payload, or only
 * statuses this code does not know — the dates and credits decide the same way.
 */
export function rewardAvailability(reward: RewardState, nowMs: number): RewardAvailability {
  const statuses = new Set((reward.statuses ?? []).map((status) => status.toUpperCase()));
  const isFullyRedeemed =
    reward.assignedCredit !== null &&
    reward.assignedCredit > 0 &&
    reward.redeemedCredit !== null &&
    reward.redeemedCredit >= reward.assignedCredit;
  if (statuses.has("CANCELLED")) return "cancelled";
  if (statuses.has("EXPIRED")) return "expired";
  if (statuses.has("PENDING")) return "pending";
  if (statuses.has("REDEEMED") && !statuses.has("AVAILABLE")) return "redeemed";
  if (statuses.has("AVAILABLE")) return isFullyRedeemed ? "redeemed" : "available";

  if (reward.dateCancelled !== null) return "cancelled";
  if (reward.dateExpires !== null && reward.dateExpires <= nowMs) return "expired";
  if (reward.dateGiven === null || (reward.dateScheduledFor !== null && reward.dateScheduledFor > nowMs)) {
    return "pending";
  }
  return isFullyRedeemed ? "redeemed" : "available";
}
