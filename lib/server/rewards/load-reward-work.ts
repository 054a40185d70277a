import { prisma } from "@/lib/db";

/** Everything one try needs, in one query: the credit, its Advocate connection and the integration's Stripe key. */
export async function loadRewardWork(rewardCreditId: string) {
  return prisma.rewardCredit.findUnique({
    where: { id: rewardCreditId },
    select: {
      id: true,
      integrationId: true,
      tenantAlias: true,
      rewardId: true,
      advocateAccountId: true,
      advocateUserId: true,
      unit: true,
      currency: true,
      amount: true,
      status: true,
      redeemStatus: true,
      generation: true,
      attemptCount: true,
      redeemAttemptCount: true,
      pendingSince: true,
      creditInFlightSince: true,
      creditKeyRound: true,
      stripeCustomerId: true,
      integration: {
        select: {
          mode: true,
          stripeApiKeyEncrypted: true,
          advocateConnection: { select: { id: true, tenantAlias: true, apiKeyEncrypted: true } },
        },
      },
    },
  });
}

export type RewardWork = NonNullable<Awaited<ReturnType<typeof loadRewardWork>>>;
