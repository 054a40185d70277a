// The second unit of a reward (SPEC §11): once credited on Stripe, mark the reward redeemed in Advocate, so
// the participant's Advocate balance tells the same story. Its own claim, its own count and backoff: a
// failure here tries the redeem again later and never re-runs the Stripe call. Advocate's redeem is not
// idempotent, so every try reads the reward first and redeems only one that is not redeemed yet.

import type { AdvocateCredentials, AdvocateFailure } from "@/lib/advocate/advocate-http";
import { readReward } from "@/lib/advocate/read-reward";
import { redeemReward } from "@/lib/advocate/redeem-reward";
import { rewardAvailability } from "@/lib/advocate/reward-availability";
import { advocateConnectionSecret } from "@/lib/crypto/secret-bindings";
import { decryptSecret } from "@/lib/crypto/secrets";
import { commitRewardUpdate } from "@/lib/server/rewards/commit-reward-update";
import { loadRewardWork, type RewardWork } from "@/lib/server/rewards/load-reward-work";
import type { RewardExchange, RewardRunner } from "@/lib/server/rewards/reward-attempts";
import { failRedeem, type RedeemDecision, redeemed, retryRedeem } from "@/lib/server/rewards/reward-decisions";
import type { RedeemOutcome } from "@/lib/server/rewards/reward-outcome";

const LEASE_LOST: RedeemOutcome = { redeemStatus: "not-attempted", reason: "the lease was lost to another runner" };

function failureDecision(work: { redeemAttemptCount: number }, failure: AdvocateFailure, what: string): RedeemDecision {
  switch (failure.kind) {
    case "network":
    case "server":
    case "rate_limited":
    case "invalid_response":
      return retryRedeem(work, `Advocate failed while ${what}: ${failure.message}`, failure.retryAfterMs);
    case "unauthorized":
      return failRedeem(
        `Advocate rejects the saved API key (${failure.status}) while ${what}: connect Advocate again, then Try again`,
      );
    case "not_found":
    case "client":
      return failRedeem(`Advocate refused ${what} (${failure.status ?? "no status"}): ${failure.message}`);
  }
}

/** Is it redeemed in Advocate already (by an earlier try whose answer was lost, or by a person)? */
async function isAlreadyRedeemed(work: RewardWork, credentials: AdvocateCredentials, exchanges: RewardExchange[]) {
  const startedAt = new Date();
  const read = await readReward(credentials, work.rewardId);
  exchanges.push({ step: "reward-read", startedAt, exchange: read.exchange });
  if (!read.ok) return { failure: read.failure };
  return { isRedeemed: rewardAvailability(read.value, Date.now()) === "redeemed" };
}

/** One redeem try for a credited reward whose lease the caller holds. Never throws for Advocate failures. */
export async function redeemRewardCredit(
  rewardCreditId: string,
  leaseToken: string,
  runner: RewardRunner,
): Promise<RedeemOutcome> {
  const work = await loadRewardWork(rewardCreditId);
  if (work?.status !== "credited" || work.redeemStatus !== "pending") {
    const state = work ? `${work.status}, redeem ${work.redeemStatus}` : "missing";
    return { redeemStatus: "not-attempted", reason: `nothing to redeem (the reward credit is ${state})` };
  }
  // Attempt rows of the redeem follow the credit's tries: the credit took attemptCount of them.
  const number = work.attemptCount + work.redeemAttemptCount + 1;
  const exchanges: RewardExchange[] = [];
  const finish = async (decision: RedeemDecision) =>
    (await commitRewardUpdate(work.id, leaseToken, number, runner, { data: decision.data, exchanges }))
      ? decision.outcome
      : LEASE_LOST;

  const connection = work.integration.advocateConnection;
  if (!connection || connection.tenantAlias !== work.tenantAlias) {
    return finish(failRedeem(`the integration is no longer connected to Advocate tenant ${work.tenantAlias}`));
  }
  const credentials = {
    tenantAlias: connection.tenantAlias,
    apiKey: decryptSecret(connection.apiKeyEncrypted, advocateConnectionSecret(connection.id)),
  };
  const tries = { redeemAttemptCount: work.redeemAttemptCount + 1 };
  // Always read first: an earlier try (or one before Try again) may have redeemed without its answer arriving.
  const earlier = await isAlreadyRedeemed(work, credentials, exchanges);
  if ("failure" in earlier) return finish(failureDecision(tries, earlier.failure!, `reading reward ${work.rewardId}`));
  if (earlier.isRedeemed) return finish(redeemed());
  // Counted before the request leaves: a try that dies mid-request has used one of its tries.
  const isBegun = await commitRewardUpdate(work.id, leaseToken, number, runner, {
    data: { redeemAttemptCount: tries.redeemAttemptCount },
    exchanges: exchanges.splice(0),
    keepsLease: true,
  });
  if (!isBegun) return LEASE_LOST;
  const startedAt = new Date();
  const result = await redeemReward(credentials, work.rewardId, { amount: work.amount, unit: work.unit });
  exchanges.push({ step: "redeem", startedAt, exchange: result.exchange });
  if (result.ok) return finish(redeemed());
  return finish(failureDecision(tries, result.failure, `redeeming reward ${work.rewardId}`));
}
