import { prisma } from "@/lib/db";

type FailedRun = {
  event: { data: { event: { data: { rewardCreditId: string; generation?: number } } } };
  error: Error;
};

/**
 * onFailure of credit-reward: when Inngest gives up (a step kept throwing, e.g. the database was down),
 * the credit is exhausted, or a credited one's redeem failed, with the last error — never left looking
 * busy. Only for the run's own generation: an old run must not end what Try again started. Final rows
 * are left alone.
 */
export async function settleFailedRewardRun({ event, error }: FailedRun): Promise<void> {
  const { rewardCreditId, generation = 0 } = event.data.event.data;
  const reason = `gave up: ${error.message}`;
  const base = { id: rewardCreditId, generation };
  await prisma.rewardCredit.updateMany({
    where: { ...base, status: { in: ["pending", "retrying"] } },
    data: { status: "exhausted", reason, dueAt: null, leaseToken: null, leaseUntil: null },
  });
  await prisma.rewardCredit.updateMany({
    where: { ...base, status: "credited", redeemStatus: "pending" },
    data: {
      redeemStatus: "failed",
      reason: `credited on Stripe; marking it redeemed in Advocate failed: ${reason}`,
      dueAt: null,
      leaseToken: null,
      leaseUntil: null,
    },
  });
}
