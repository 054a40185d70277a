import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { LEASE_MS } from "@/lib/server/deliveries/claim-delivery";

/**
 * What a runner may still pick up: a credit not yet decided (pending, retrying), or a credited one whose
 * redeem in Advocate is still to do — the redeem is its own claimable unit, so it never re-runs the credit.
 */
export const ACTIVE_REWARD_CREDIT: Prisma.RewardCreditWhereInput = {
  OR: [{ status: { in: ["pending", "retrying"] } }, { status: "credited", redeemStatus: "pending" }],
};

export type ClaimedRewardCredit = { id: string; leaseToken: string };

/** The two claimable units of a reward credit: the credit itself, and once credited the redeem. */
export type RewardUnitOfWork = "credit" | "redeem";

const UNIT_WHERE: Record<RewardUnitOfWork, Prisma.RewardCreditWhereInput> = {
  credit: { status: { in: ["pending", "retrying"] } },
  redeem: { status: "credited", redeemStatus: "pending" },
};

/**
 * Takes the lease of one reward credit for one unit of work (the Inngest steps), or returns null when
 * another runner holds it or that unit has nothing left to do. Only the lease holder may record.
 */
export async function claimRewardCredit(rewardCreditId: string, unit: RewardUnitOfWork): Promise<string | null> {
  const leaseToken = randomUUID();
  const claimed = await prisma.rewardCredit.updateMany({
    where: {
      id: rewardCreditId,
      ...UNIT_WHERE[unit],
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }],
    },
    data: { leaseToken, leaseUntil: new Date(Date.now() + LEASE_MS) },
  });
  return claimed.count === 1 ? leaseToken : null;
}

/**
 * The local runner's claim: up to `limit` due credits, oldest first. SKIP LOCKED lets several processes
 * claim side by side without taking the same row; an expired lease (a crashed worker) makes a row due again.
 */
export async function claimDueRewardCredits(limit: number): Promise<ClaimedRewardCredit[]> {
  const leaseToken = randomUUID();
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "RewardCredit" SET "leaseToken" = ${leaseToken}, "leaseUntil" = now() + ${`${LEASE_MS} milliseconds`}::interval
    WHERE id IN (
      SELECT id FROM "RewardCredit"
      WHERE "dueAt" <= now()
        AND (status IN ('pending', 'retrying') OR (status = 'credited' AND "redeemStatus" = 'pending')) -- ACTIVE_REWARD_CREDIT
        AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
      ORDER BY "dueAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  return rows.map(({ id }) => ({ id, leaseToken }));
}

/** When the next unleased credit falls due, so an idle worker can sleep until then. */
export async function findNextRewardDueAt(): Promise<Date | null> {
  const next = await prisma.rewardCredit.findFirst({
    where: {
      ...ACTIVE_REWARD_CREDIT,
      dueAt: { not: null },
      AND: [{ OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }] }],
    },
    orderBy: { dueAt: "asc" },
    select: { dueAt: true },
  });
  return next?.dueAt ?? null;
}
