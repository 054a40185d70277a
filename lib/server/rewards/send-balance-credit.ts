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

/**
 * The same for every try of a reward, so Stripe answers a repeat within 24 h with the first result —
 * until Stripe replays a saved error for it: then the round is bumped (after the next try has looked for
 * the credit, creditInFlightSince being still set), because Stripe would replay that error for 24 hours.
 */
export const creditIdempotencyKey = (tenantAlias: string, rewardId: string, round = 0) =>
  `advocate-credit:${tenantAlias}:${rewardId}${round > 0 ? `:${round}` : ""}`;

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
    idempotencyKey: creditIdempotencyKey(work.tenantAlias, work.rewardId, work.creditKeyRound),
  });
  const exchange: RewardExchange = { step: "credit", startedAt, exchange: result.exchange };
  if (result.ok) return { exchange, decision: credited(work, result.value.id, customerId) };
  const what = `crediting ${customerId}`;
  if (result.failure.isReplayed || result.failure.kind === "idempotency") {
    // Stripe answered with what it saved for this key (an earlier 500, or parameters that changed since,
    // e.g. Try again after the participant was mapped to another customer): the same key would get the
    // same answer for a day. creditInFlightSince stays set, so the next try first looks for the credit, and
    // only then sends under the next key.
    const retry = retryOrExhaust(
      work,
      `Stripe answered with its saved result for this idempotency key while ${what}: ${result.failure.message} — the next try looks for the credit, then uses a new key`,
    );
    return { exchange, decision: { ...retry, data: { ...retry.data, creditKeyRound: work.creditKeyRound + 1 } } };
  }
  if (result.failure.kind === "network" || result.failure.kind === "server") {
    // No answer, or Stripe's own error: the credit may exist. creditInFlightSince stays set, so the next
    // try looks for it first.
    return { exchange, decision: retryOrExhaust(work, `Stripe failed while ${what}: ${result.failure.message}`) };
  }
  // Stripe answered and refused: nothing was created, so nothing is left in flight.
  const decision = stripeFailureDecision(work, result.failure, what);
  return { exchange, decision: { ...decision, data: { ...decision.data, creditInFlightSince: null } } };
}
