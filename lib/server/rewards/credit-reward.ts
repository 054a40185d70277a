// One try at crediting one Advocate reward onto its participant's Stripe customer (SPEC §11), the work both
// runners share. In order: an earlier call whose outcome is unknown is looked up first; then the reward is
// re-read (only an available one is credited), the participant's customFields.stripeCustomerId and the
// Stripe customer are checked; creditInFlightSince is committed; the balance credit is created; the
// answer and every exchange are recorded with the new state in one transaction, under the lease.
import { advocateConnectionSecret, integrationSecret } from "@/lib/crypto/secret-bindings";
import { decryptSecret } from "@/lib/crypto/secrets";
import { getLogger } from "@/lib/log";
import { retryUntil } from "@/lib/server/deliveries/retry-until";
import { checkRewardInAdvocate } from "@/lib/server/rewards/check-reward-in-advocate";
import { commitRewardUpdate } from "@/lib/server/rewards/commit-reward-update";
import { findEarlierCredit } from "@/lib/server/rewards/find-earlier-credit";
import { loadRewardWork, type RewardWork } from "@/lib/server/rewards/load-reward-work";
import { resolveStripeCustomer } from "@/lib/server/rewards/resolve-stripe-customer";
import type { RewardExchange, RewardRunner } from "@/lib/server/rewards/reward-attempts";
import { type CreditDecision, settle } from "@/lib/server/rewards/reward-decisions";
import type { CreditOutcome } from "@/lib/server/rewards/reward-outcome";
import { sendBalanceCredit } from "@/lib/server/rewards/send-balance-credit";
import { createStripeClient } from "@/lib/stripe/stripe-client";

/** Stripe has answered: keep trying to record it while the lease (5 min) is surely still ours. */
const RECORD_RETRY_MS = 4 * 60_000;

const LEASE_LOST: CreditOutcome = { status: "not-attempted", reason: "the lease was lost to another runner" };

function connectionOf(work: RewardWork) {
  const connection = work.integration.advocateConnection;
  if (!connection || connection.tenantAlias !== work.tenantAlias) return null;
  return {
    tenantAlias: connection.tenantAlias,
    apiKey: decryptSecret(connection.apiKeyEncrypted, advocateConnectionSecret(connection.id)),
  };
}

/**
 * Runs one try for a credit whose lease the caller holds (claimRewardCredit / claimDueRewardCredits).
 * Never throws for Advocate or Stripe failures: they are recorded and come back as the outcome. A database
 * failure before the Stripe call throws (nothing was credited); after it, recording is retried for minutes.
 */
export async function creditReward(
  rewardCreditId: string,
  leaseToken: string,
  runner: RewardRunner,
): Promise<CreditOutcome> {
  const work = await loadRewardWork(rewardCreditId);
  if (!work || (work.status !== "pending" && work.status !== "retrying")) {
    return {
      status: "not-attempted",
      reason: work ? `the reward credit is already ${work.status}` : "no such reward credit",
    };
  }
  const number = work.attemptCount + 1;
  const exchanges: RewardExchange[] = [];
  const finish = async (decision: CreditDecision, retryRecording = false): Promise<CreditOutcome> => {
    const record = () => commitRewardUpdate(work.id, leaseToken, number, runner, { data: decision.data, exchanges });
    const isRecorded = retryRecording
      ? await retryUntil(record, {
          forMs: RECORD_RETRY_MS,
          onRetry: (error) =>
            getLogger().warn(
              { component: "credit-reward", rewardCreditId, reason: (error as Error).message },
              "recording Stripe's answer failed, retrying",
            ),
        })
      : await record();
    return isRecorded ? decision.outcome : LEASE_LOST;
  };

  const credentials = connectionOf(work);
  if (!credentials) {
    return finish(
      settle(
        work,
        "failed",
        `the integration is no longer connected to Advocate tenant ${work.tenantAlias}: connect it again, then Try again`,
      ),
    );
  }
  const stripe = createStripeClient(
    decryptSecret(
      work.integration.stripeApiKeyEncrypted,
      integrationSecret(work.integrationId, "stripeApiKeyEncrypted"),
    ),
  );

  if (work.creditInFlightSince && work.stripeCustomerId) {
    const earlier = await findEarlierCredit(work, stripe, work.stripeCustomerId);
    exchanges.push(earlier.exchange);
    if (earlier.decision) return finish(earlier.decision);
  }

  const check = await checkRewardInAdvocate(work, credentials);
  exchanges.push(check.exchange);
  if (check.kind === "decided") return finish(check.decision);
  const customer = await resolveStripeCustomer(work, credentials, stripe);
  exchanges.push(...customer.exchanges);
  if (customer.kind === "decided") return finish(customer.decision);

  const reward = { ...check.reward, assignedCredit: check.reward.assignedCredit! };
  // Committed before the request leaves: from here on a credit may exist, and a try that finds this still
  // set looks for it before it could create a second one.
  const isBegun = await commitRewardUpdate(work.id, leaseToken, number, runner, {
    data: {
      creditInFlightSince: new Date(),
      stripeCustomerId: customer.customerId,
      amount: reward.assignedCredit,
      pendingSince: null,
    },
    exchanges: exchanges.splice(0),
    keepsLease: true,
  });
  if (!isBegun) return LEASE_LOST;
  const sent = await sendBalanceCredit(work, stripe, customer.customerId, reward);
  exchanges.push(sent.exchange);
  return finish(sent.decision, true);
}
