// How a try's findings become the credit's next state (SPEC §11). Pure apart from the configuration:
// the backoff is the deliveries' (lib/server/deliveries/backoff.ts), the give-up count DELIVERY_MAX_ATTEMPTS.
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { retryDelayMs } from "@/lib/server/deliveries/backoff";
import type { CreditOutcome, RedeemOutcome } from "@/lib/server/rewards/reward-outcome";

export type CreditDecision = { data: Prisma.RewardCreditUpdateManyMutationInput; outcome: CreditOutcome };
export type RedeemDecision = { data: Prisma.RewardCreditUpdateManyMutationInput; outcome: RedeemOutcome };

/** The first re-check of a pending reward; each later one waits as long as the reward has been pending. */
export const PENDING_FIRST_CHECK_MS = 10 * 60_000;
/** A reward Advocate keeps pending this long is given up (exhausted; Try again once it is available). */
export const PENDING_GIVE_UP_MS = 7 * 24 * 60 * 60_000;

type Counted = { attemptCount: number };

/** A failure that may pass: retrying with backoff, exhausted on the DELIVERY_MAX_ATTEMPTS-th try. */
export function retryOrExhaust(work: Counted, reason: string, delayMs?: number): CreditDecision {
  const env = getEnv();
  const attemptCount = work.attemptCount + 1;
  if (attemptCount >= env.DELIVERY_MAX_ATTEMPTS) {
    const final = `${reason} (gave up after ${attemptCount} attempts)`;
    return {
      data: { status: "exhausted", reason: final, dueAt: null, attemptCount },
      outcome: { status: "exhausted", reason: final },
    };
  }
  const nextAttemptAt = new Date(Date.now() + (delayMs ?? retryDelayMs(attemptCount, env.RETRY_BASE_DELAY_MS)));
  return {
    data: { status: "retrying", reason, dueAt: nextAttemptAt, attemptCount },
    outcome: { status: "retrying", nextAttemptAt, reason },
  };
}

/** A final state a person may act on (needs_mapping, failed) or that ends it (skipped). */
export function settle(
  work: Counted,
  status: "needs_mapping" | "failed" | "skipped",
  reason: string,
  extra: Prisma.RewardCreditUpdateManyMutationInput = {},
): CreditDecision {
  return {
    data: { ...extra, status, reason, dueAt: null, attemptCount: work.attemptCount + 1 },
    outcome: { status, reason },
  };
}

/**
 * Still pending in Advocate: look again after as long as it has been pending (at least 10 minutes), so
 * checks double; exhausted seven days after it was first seen pending. Not counted as an attempt.
 */
export function waitForAvailability(work: { pendingSince: Date | null }, now = new Date()): CreditDecision {
  const pendingSince = work.pendingSince ?? now;
  const pendingForMs = now.getTime() - pendingSince.getTime();
  if (pendingForMs >= PENDING_GIVE_UP_MS) {
    const reason = `the reward was still pending in Advocate 7 days after ${pendingSince.toISOString()}: Try again once Advocate shows it available`;
    return {
      data: { status: "exhausted", reason, dueAt: null, pendingSince },
      outcome: { status: "exhausted", reason },
    };
  }
  const waitMs = Math.min(Math.max(PENDING_FIRST_CHECK_MS, pendingForMs), PENDING_GIVE_UP_MS - pendingForMs);
  const nextAttemptAt = new Date(now.getTime() + waitMs);
  const reason = "the reward is still pending in Advocate (not given yet): checking again later";
  return {
    data: { status: "pending", reason, dueAt: nextAttemptAt, pendingSince },
    outcome: { status: "pending", nextAttemptAt, reason },
  };
}

/** Credited: the redeem in Advocate is due now, as its own unit. */
export function credited(work: Counted, balanceTransactionId: string, customerId: string): CreditDecision {
  return {
    data: {
      status: "credited",
      reason: null,
      stripeCustomerId: customerId,
      stripeBalanceTransactionId: balanceTransactionId,
      creditInFlightSince: null,
      creditedAt: new Date(),
      redeemStatus: "pending",
      redeemAttemptCount: 0,
      dueAt: new Date(),
      attemptCount: work.attemptCount + 1,
    },
    outcome: { status: "credited", balanceTransactionId },
  };
}

/** A redeem failure that may pass: the redeem alone is tried again; never the credit. */
export function retryRedeem(work: { redeemAttemptCount: number }, reason: string, delayMs?: number): RedeemDecision {
  const env = getEnv();
  if (work.redeemAttemptCount >= env.DELIVERY_MAX_ATTEMPTS) {
    return failRedeem(`${reason} (gave up after ${work.redeemAttemptCount} attempts)`);
  }
  const nextAttemptAt = new Date(
    Date.now() + (delayMs ?? retryDelayMs(work.redeemAttemptCount, env.RETRY_BASE_DELAY_MS)),
  );
  const text = `credited on Stripe; marking it redeemed in Advocate failed: ${reason}`;
  return {
    data: { reason: text, dueAt: nextAttemptAt },
    outcome: { redeemStatus: "pending", nextAttemptAt, reason: text },
  };
}

export function failRedeem(reason: string): RedeemDecision {
  const text = `credited on Stripe; marking it redeemed in Advocate failed: ${reason}`;
  return {
    data: { redeemStatus: "failed", reason: text, dueAt: null },
    outcome: { redeemStatus: "failed", reason: text },
  };
}

export function redeemed(): RedeemDecision {
  return {
    data: { redeemStatus: "redeemed", redeemedAt: new Date(), reason: null, dueAt: null },
    outcome: { redeemStatus: "redeemed" },
  };
}
