// Before any try whose previous Stripe call has an unknown outcome (creditInFlightSince still set: the
// process died, or the answer never came), the customer's balance transactions are searched for this reward
// (SPEC §11): Stripe forgets idempotency keys after 24 hours, this list is what it remembers for good.
import type Stripe from "stripe";
import { stripeFailureDecision } from "@/lib/server/rewards/classify-reward-failures";
import type { RewardWork } from "@/lib/server/rewards/load-reward-work";
import type { RewardExchange } from "@/lib/server/rewards/reward-attempts";
import { type CreditDecision, credited } from "@/lib/server/rewards/reward-decisions";
import { findBalanceCreditForReward } from "@/lib/stripe/customer-balance";

/** A decision when the earlier credit was found (credited) or the search failed; none when it is not there. */
export async function findEarlierCredit(
  work: RewardWork,
  stripe: Stripe,
  customerId: string,
): Promise<{ exchange: RewardExchange; decision?: CreditDecision }> {
  const startedAt = new Date();
  const found = await findBalanceCreditForReward(stripe, customerId, {
    tenantAlias: work.tenantAlias,
    rewardId: work.rewardId,
  });
  const exchange: RewardExchange = { step: "credit-lookup", startedAt, exchange: found.exchange };
  if (!found.ok) {
    return {
      exchange,
      decision: stripeFailureDecision(work, found.failure, `looking for an earlier credit on ${customerId}`),
    };
  }
  if (found.value) return { exchange, decision: credited(work, found.value.id, customerId) };
  return { exchange };
}
