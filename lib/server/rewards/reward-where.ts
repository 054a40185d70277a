import type { Prisma } from "@/lib/generated/prisma/client";
import type { RewardFilters } from "@/lib/schemas/rewards";
import { accountCondition, type EventScope } from "@/lib/server/events/event-scope";
import { keysetAfter } from "@/lib/server/events/keyset-after";

/** Newest first; (createdAt, id) is unique, so the order — and every cursor — is stable. */
export const REWARD_ORDER: Prisma.RewardCreditOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

/**
 * The WHERE of the Rewards view, scoped like the events log (a brand's own account, staff all or one).
 * Account and account+status land on RewardCredit's (accountId[, status], createdAt desc) indexes; the
 * search is an exact match on the reward id, the Stripe customer id (indexed) or the participant,
 * never a LIKE.
 */
export function rewardWhere(scope: EventScope, filters: RewardFilters): Prisma.RewardCreditWhereInput {
  const and: Prisma.RewardCreditWhereInput[] = [accountCondition(scope, filters.account)];
  if (filters.integration) and.push({ integrationId: filters.integration });
  if (filters.status) and.push({ status: filters.status });
  if (filters.q) {
    and.push({
      OR: [
        { rewardId: filters.q },
        { stripeCustomerId: filters.q },
        { advocateUserId: filters.q },
        { advocateAccountId: filters.q },
        { stripeBalanceTransactionId: filters.q },
      ],
    });
  }
  return { AND: and };
}

/** Rows after the cursor in REWARD_ORDER. */
export function afterRewardCursor(cursor: string | null | undefined): Prisma.RewardCreditWhereInput {
  return keysetAfter("createdAt", cursor);
}
