// The credit itself (SPEC §11): a negative customer balance transaction in the reward's currency, its
// amount Advocate's assignedCredit passed through as the integer of minor units it is (JPY has none, KWD
// three: nothing is scaled), tied to the reward by metadata and an idempotency key of tenant and reward id.
import type Stripe from "stripe";
import type { AdvocateReward } from "@/lib/advocate/read-reward";
import { stripeFailureDecision } from "@/lib/server/rewards/classify-reward-failures";
import type { RewardWork } from "@/lib/server/rewards/load-reward-work";
import type { RewardExchange } from "@/lib/server/rewards/reward-attempts";
import { type CreditDecision, credited, retryOrExhaust } from "@/lib/server/rewards/reward-decisions";
import {
  ADVOCATE_REWARD_METADATA_KEY,
  ADVOCATE_TENANT_METADATA_KEY,
  createBalanceCredit,
  MAX_BALANCE_DESCRIPTION_LENGTH,
} from "@/lib/stripe/customer-balance";

/** The same for every try of a reward, so Stripe answers a repeat within 24 h with the first result. */
export const creditIdempotencyKey = (tenantAlias: string, rewardId: string) =>
  `advocate-credit:${tenantAlias}:${rewardId}`;

function descriptionOf(rewardId: string, name: string | null): string {
  const text = name ? `Advocate reward ${rewardId} (${name})` : `Advocate reward ${rewardId}`;
  return text.length <= MAX_BALANCE_DESCRIPTION_LENGTH ? text : `${text.slice(0, MAX_BALANCE_DESCRIPTION_LENGTH - 1)}…`;
}

/** Caller has committed creditInFlightSince: whatever happens here, the next try knows a credit may exist. */
export async function sendBalanceCredit(
  work: RewardWork,
  stripe: Stripe,
  customerId: string,
  reward: AdvocateReward & { assignedCredit: number },
): Promise<{ exchange: RewardExchange; decision: CreditDecision }> {
  const startedAt = new Date();
  const result = await createBalanceCredit(stripe, {
    customerId,
    amount: -reward.assignedCredit,
    currency: work.currency,
    description: descriptionOf(work.rewardId, reward.name),
    metadata: { [ADVOCATE_TENANT_METADATA_KEY]: work.tenantAlias, [ADVOCATE_REWARD_METADATA_KEY]: work.rewardId },
    idempotencyKey: creditIdempotencyKey(work.tenantAlias, work.rewardId),
  });
  const exchange: RewardExchange = { step: "credit", startedAt, exchange: result.exchange };
  if (result.ok) return { exchange, decision: credited(work, result.value.id, customerId) };
  const what = `crediting ${customerId}`;
  if (result.failure.kind === "network" || result.failure.kind === "server") {
    // No answer, or Stripe's own error: the credit may exist. creditInFlightSince stays set, so the next
    // try looks for it first.
    return { exchange, decision: retryOrExhaust(work, `Stripe failed while ${what}: ${result.failure.message}`) };
  }
  // Stripe answered and refused: nothing was created, so nothing is left in flight.
  const decision = stripeFailureDecision(work, result.failure, what);
  return { exchange, decision: { ...decision, data: { ...decision.data, creditInFlightSince: null } } };
}
