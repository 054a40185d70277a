// Which reward credits a person may try again (SPEC §11), shared by the domain rule (lib/server) and the
// Rewards view's button, so the page never offers what the server would refuse.

type CreditStatus = "pending" | "retrying" | "credited" | "needs_mapping" | "failed" | "exhausted" | "skipped";
type RedeemStatus = "not_due" | "pending" | "redeemed" | "failed";

export type RewardRetryRule =
  /** Start the credit over: the mapping was fixed, or what failed may pass now. */
  | { kind: "credit-again" }
  /** Credited on Stripe, only marking it redeemed in Advocate failed: try that alone (never a second credit). */
  | { kind: "redeem-again" }
  /** Already on its way: trying again changes nothing. */
  | { kind: "queued" }
  | { kind: "refused"; reason: string };

export function rewardRetryRuleOf(status: CreditStatus, redeemStatus: RedeemStatus): RewardRetryRule {
  switch (status) {
    case "needs_mapping":
    case "failed":
    case "exhausted":
      return { kind: "credit-again" };
    case "pending":
    case "retrying":
      return { kind: "queued" };
    case "credited":
      if (redeemStatus === "failed") return { kind: "redeem-again" };
      if (redeemStatus === "pending") return { kind: "queued" };
      return {
        kind: "refused",
        reason: "This reward is already credited on Stripe; trying again would credit it twice.",
      };
    case "skipped":
      return {
        kind: "refused",
        reason: "Skipped rewards are never credited (see the reason): Advocate did not make this reward available.",
      };
  }
}

export const canRetryRewardCredit = (status: CreditStatus, redeemStatus: RedeemStatus): boolean => {
  const kind = rewardRetryRuleOf(status, redeemStatus).kind;
  return kind === "credit-again" || kind === "redeem-again";
};
