// Advocate connections, events and reward credits in any state, for tests of the Rewards view (list,
// detail, export, retry) that need exact times and statuses rather than a trip through the webhook and
// the credit job.

import { randomBytes } from "node:crypto";
import { advocateConnectionSecret } from "@/lib/crypto/secret-bindings";
import { encryptSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import type { RewardRedeemStatusName, RewardStatusName } from "@/lib/views/reward-view";

const unique = () => randomBytes(6).toString("hex");

type IntegrationRow = { id: string; accountId: string };

export type TestAdvocateConnectionOptions = {
  tenantAlias?: string;
  apiKey?: string;
  rewardUnits?: string;
  lastRewardAt?: Date | null;
};

/** An Advocate connection as if connected through the page (the key sealed to its row). */
export async function createTestAdvocateConnection(
  integration: IntegrationRow,
  options: TestAdvocateConnectionOptions = {},
) {
  const id = `cadv${unique()}${unique()}`;
  const apiKey = options.apiKey ?? `advkey_${unique()}`;
  const connection = await prisma.advocateConnection.create({
    data: {
      id,
      accountId: integration.accountId,
      integrationId: integration.id,
      tenantAlias: options.tenantAlias ?? `test_${unique()}`,
      apiKeyEncrypted: encryptSecret(apiKey, advocateConnectionSecret(id)),
      rewardUnits: options.rewardUnits ?? "STRIPE/*",
      subscriptionEndpointUrl: `http://localhost:3000/api/webhooks/advocate/${integration.id}`,
      lastRewardAt: options.lastRewardAt ?? null,
    },
  });
  return { connection, apiKey };
}

export type TestAttemptOptions = {
  step?: string;
  startedAt?: Date;
  responseStatus?: number | null;
  responseBody?: string | null;
  error?: string | null;
};

export type TestRewardCreditOptions = {
  createdAt?: Date;
  tenantAlias?: string;
  rewardId?: string;
  advocateAccountId?: string;
  advocateUserId?: string;
  unit?: string;
  amount?: number;
  status?: RewardStatusName;
  reason?: string | null;
  stripeCustomerId?: string | null;
  stripeBalanceTransactionId?: string | null;
  redeemStatus?: RewardRedeemStatusName;
  attemptCount?: number;
  attempts?: TestAttemptOptions[];
};

/** Why each status is where it is unless a test gives its own reason. */
const DEFAULT_REASONS: Partial<Record<RewardStatusName, string>> = {
  needs_mapping: "the participant has no customFields.stripeCustomerId",
  failed: "the Stripe customer was deleted",
  retrying: "Stripe answered 503",
  exhausted: "Stripe answered 503 on every attempt",
  skipped: "the reward was cancelled in Advocate",
};

/**
 * One reward credit (with the Advocate event that brought it) in the given status; a credited one has a
 * customer, a balance transaction and a redeemed reward unless the test says otherwise.
 */
export async function createRewardCredit(integration: IntegrationRow, options: TestRewardCreditOptions = {}) {
  const status = options.status ?? "credited";
  const tenantAlias = options.tenantAlias ?? "test_tenant";
  const rewardId = options.rewardId ?? `rwd_${unique()}`;
  const unit = options.unit ?? "STRIPE/USD";
  const isCredited = status === "credited";
  const pick = <T>(given: T | undefined, fallback: T) => (given === undefined ? fallback : given);
  const event = await prisma.advocateEvent.create({
    data: {
      accountId: integration.accountId,
      integrationId: integration.id,
      advocateEventId: `evt_adv_${unique()}`,
      type: "reward.created",
      tenantAlias,
      live: !tenantAlias.startsWith("test_"),
      advocateCreatedAt: options.createdAt ?? new Date(),
      receivedAt: options.createdAt,
      status: "accepted",
      payload: { type: "reward.created", data: { id: rewardId, type: "CREDIT", unit } },
    },
  });
  const attempts = options.attempts ?? [];
  const credit = await prisma.rewardCredit.create({
    data: {
      accountId: integration.accountId,
      integrationId: integration.id,
      advocateEventId: event.id,
      tenantAlias,
      rewardId,
      advocateAccountId: options.advocateAccountId ?? `acct_${unique()}`,
      advocateUserId: options.advocateUserId ?? `user_${unique()}`,
      unit,
      currency: unit.slice("STRIPE/".length).toLowerCase(),
      amount: options.amount ?? 1500,
      status,
      reason: pick(options.reason, DEFAULT_REASONS[status] ?? null),
      stripeCustomerId: pick(options.stripeCustomerId, status === "needs_mapping" ? null : `cus_${unique()}`),
      stripeBalanceTransactionId: pick(options.stripeBalanceTransactionId, isCredited ? `cbtxn_${unique()}` : null),
      redeemStatus: options.redeemStatus ?? (isCredited ? "redeemed" : "not_due"),
      redeemedAt: isCredited ? new Date() : null,
      dueAt: status === "pending" || status === "retrying" ? new Date() : null,
      attemptCount: options.attemptCount ?? attempts.length,
      creditedAt: isCredited ? new Date() : null,
      createdAt: options.createdAt,
      attempts: {
        create: attempts.map((attempt, index) => ({
          number: index + 1,
          step: attempt.step ?? "credit",
          startedAt: attempt.startedAt ?? new Date(),
          durationMs: 42,
          runner: "local",
          requestMethod: "POST",
          requestUrl: "http://127.0.0.1:12111/v1/customers/cus_x/balance_transactions",
          requestBody: "amount=-1500&currency=usd",
          responseStatus: pick(attempt.responseStatus, 200),
          responseBody: pick(attempt.responseBody, '{"id":"cbtxn_1"}'),
          error: pick(attempt.error, null),
        })),
      },
    },
  });
  return { credit, event };
}
