// What one try of a reward credit ended in, for the runner that ran it: the local worker only logs it,
// the Inngest steps turn it into "done", "sleep until", "retry at" or "stop" (reward-in-inngest-step.ts).

export type CreditOutcome =
  /** On the customer's balance; the redeem in Advocate is due now. */
  | { status: "credited"; balanceTransactionId: string }
  /** Advocate has not made the reward available yet: check again at `nextAttemptAt`. */
  | { status: "pending"; nextAttemptAt: Date; reason: string }
  /** Something that may pass (Advocate or Stripe down, rate limited): try again at `nextAttemptAt`. */
  | { status: "retrying"; nextAttemptAt: Date; reason: string }
  | { status: "needs_mapping" | "failed" | "exhausted" | "skipped"; reason: string }
  | { status: "not-attempted"; reason: string };

export type RedeemOutcome =
  | { redeemStatus: "redeemed" }
  | { redeemStatus: "pending"; nextAttemptAt: Date; reason: string }
  | { redeemStatus: "failed"; reason: string }
  | { redeemStatus: "not-attempted"; reason: string };
