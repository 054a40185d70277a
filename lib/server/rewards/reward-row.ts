import type { Prisma } from "@/lib/generated/prisma/client";
import { formatMinorUnits } from "@/lib/mapping/money";
import type { RewardListItem } from "@/lib/views/reward-view";

/** What the list reads per reward credit: no attempts, no payload. */
export const REWARD_ROW_SELECT = {
  id: true,
  createdAt: true,
  tenantAlias: true,
  rewardId: true,
  advocateAccountId: true,
  advocateUserId: true,
  unit: true,
  currency: true,
  amount: true,
  status: true,
  reason: true,
  stripeCustomerId: true,
  stripeBalanceTransactionId: true,
  redeemStatus: true,
  attemptCount: true,
  dueAt: true,
  creditedAt: true,
  account: { select: { id: true, companyName: true, impactSid: true } },
  integration: { select: { id: true, siteUrl: true, mode: true } },
} satisfies Prisma.RewardCreditSelect;

type RewardRow = Prisma.RewardCreditGetPayload<{ select: typeof REWARD_ROW_SELECT }>;

/** The amount in major units; a currency code the money rules do not know shows its minor units as they are. */
function amountTextOf(amount: number, currency: string): string {
  try {
    return formatMinorUnits(amount, currency);
  } catch {
    return String(amount);
  }
}

/** A database row as the JSON-safe list item the UI, the JSON route and the CSV share. */
export function toRewardListItem(row: RewardRow): RewardListItem {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    account: row.account,
    integration: row.integration,
    tenantAlias: row.tenantAlias,
    rewardId: row.rewardId,
    participant: { accountId: row.advocateAccountId, userId: row.advocateUserId },
    unit: row.unit,
    currency: row.currency,
    amount: row.amount,
    amountText: amountTextOf(row.amount, row.currency),
    status: row.status,
    reason: row.reason,
    stripeCustomerId: row.stripeCustomerId,
    stripeBalanceTransactionId: row.stripeBalanceTransactionId,
    redeemStatus: row.redeemStatus,
    attemptCount: row.attemptCount,
    dueAt: row.dueAt?.toISOString() ?? null,
    creditedAt: row.creditedAt?.toISOString() ?? null,
  };
}
