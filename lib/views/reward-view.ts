// Shapes the Rewards view renders (SPEC §11): plain JSON-safe data (dates as ISO strings) built by
// lib/server, served by the JSON routes and shown by the UI, like lib/views/event-view.ts for events.
import type { AccountRef, AttemptView, IntegrationRef } from "@/lib/views/event-view";

/**
 * Where a reward credit stands (Prisma's RewardCreditStatus, in the order a person reads them; a test keeps
 * the two equal): pending → credited; needs_mapping until the participant has a stripeCustomerId; retrying /
 * exhausted for failures that may pass; failed for ones that will not; skipped with its reason.
 */
export const REWARD_STATUSES = [
  "pending",
  "credited",
  "needs_mapping",
  "retrying",
  "failed",
  "exhausted",
  "skipped",
] as const;
export type RewardStatusName = (typeof REWARD_STATUSES)[number];

/** The one wording of every status, in every view, filter and export (colours: components/rewards/reward-status-styles). */
export const REWARD_STATUS_LABELS: Record<RewardStatusName, string> = {
  pending: "Pending",
  credited: "Credited",
  needs_mapping: "Needs mapping",
  retrying: "Failed (retrying)",
  failed: "Failed",
  exhausted: "Exhausted",
  skipped: "Skipped",
};

/** Final failures a person has to look at: the list highlights them. */
export const FAILED_REWARD_STATUSES = [
  "needs_mapping",
  "failed",
  "exhausted",
] as const satisfies readonly RewardStatusName[];

export const isFailedReward = (status: RewardStatusName): boolean =>
  (FAILED_REWARD_STATUSES as readonly RewardStatusName[]).includes(status);

/** The Advocate side after the credit: marking the reward redeemed is its own step. */
export type RewardRedeemStatusName = "not_due" | "pending" | "redeemed" | "failed";

export type RewardListItem = {
  id: string;
  createdAt: string;
  account: AccountRef;
  integration: IntegrationRef;
  tenantAlias: string;
  /** Advocate's reward id. */
  rewardId: string;
  /** The Advocate participant the reward belongs to (account id and user id). */
  participant: { accountId: string; userId: string };
  unit: string;
  /** Lower-case ISO code, Stripe's form. */
  currency: string;
  /** Integer minor units (Advocate's assignedCredit). */
  amount: number;
  /** The same amount in major units, exact ("12.50"; "1200" for JPY). */
  amountText: string;
  status: RewardStatusName;
  /** Why it was skipped, failed, needs mapping or is retrying. */
  reason: string | null;
  stripeCustomerId: string | null;
  stripeBalanceTransactionId: string | null;
  redeemStatus: RewardRedeemStatusName;
  attemptCount: number;
  /** The next try while the runner still has work to do. */
  dueAt: string | null;
  creditedAt: string | null;
};

export type RewardPage = { items: RewardListItem[]; nextCursor: string | null };

/** One HTTP exchange of a credit (Advocate reads, Stripe reads and the credit, the redeem): a delivery
 * attempt's shape with the step it belongs to instead of a generation and a next attempt time. */
export type RewardAttemptView = Omit<AttemptView, "generation" | "nextAttemptAt"> & {
  /** reward-read, user-read, customer-read, credit-lookup, credit, redeem. */
  step: string;
};

export type RewardDetail = RewardListItem & {
  /** Advocate's webhook event id that brought the reward. */
  advocateEventId: string;
  redeemedAt: string | null;
  generation: number;
  /** Newest first. */
  attempts: RewardAttemptView[];
};
