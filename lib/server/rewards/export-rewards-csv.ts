import { streamCsvPages } from "@/lib/events/csv-stream";
import type { RewardFilters } from "@/lib/schemas/rewards";
import type { EventScope } from "@/lib/server/events/event-scope";
import { findRewards } from "@/lib/server/rewards/find-rewards";
import { REWARD_STATUS_LABELS, type RewardListItem } from "@/lib/views/reward-view";

export const REWARDS_EXPORT_BATCH_SIZE = 500;

export const REWARDS_CSV_HEADER = [
  "created_at",
  "account",
  "account_sid",
  "integration_id",
  "site_url",
  "mode",
  "tenant_alias",
  "reward_id",
  "participant_account_id",
  "participant_user_id",
  "unit",
  "currency",
  "amount_minor",
  "amount",
  "status",
  "status_label",
  "reason",
  "stripe_customer_id",
  "stripe_balance_transaction_id",
  "redeem_status",
  "attempts",
  "credited_at",
  "reward_credit_id",
] as const;

function recordOf(item: RewardListItem): Array<string | number | null> {
  return [
    item.createdAt,
    item.account.companyName,
    item.account.impactSid,
    item.integration.id,
    item.integration.siteUrl,
    item.integration.mode,
    item.tenantAlias,
    item.rewardId,
    item.participant.accountId,
    item.participant.userId,
    item.unit,
    item.currency,
    item.amount,
    // A string, so "12.50" keeps its zero in a spreadsheet.
    item.amountText,
    item.status,
    REWARD_STATUS_LABELS[item.status],
    item.reason,
    item.stripeCustomerId,
    item.stripeBalanceTransactionId,
    item.redeemStatus,
    item.attemptCount,
    item.creditedAt,
    item.id,
  ];
}

/** The filtered Rewards view as CSV, streamed one keyset page at a time (same query and scope as the list). */
export function exportRewardsCsv(
  scope: EventScope,
  filters: RewardFilters,
  { batchSize = REWARDS_EXPORT_BATCH_SIZE } = {},
): ReadableStream<Uint8Array> {
  return streamCsvPages(
    REWARDS_CSV_HEADER,
    (cursor) => findRewards(scope, { ...filters, cursor: cursor ?? undefined }, { limit: batchSize }),
    recordOf,
  );
}
