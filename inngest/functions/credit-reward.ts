// Credits one Advocate reward onto its participant's Stripe customer, then marks it redeemed in Advocate
// (SPEC §11). Each try is one step whose body does the whole unit (lib/server); between tries the run
// sleeps until the credit says (pending in Advocate, or a failure that may pass). The redeem runs in steps
// of its own, so nothing that happens to it can re-run the Stripe call.
import type { GetStepTools } from "inngest";
import { inngest } from "@/lib/jobs/inngest/client";
import { rewardCreditRequested } from "@/lib/jobs/inngest/events";
import { DELIVERY_RETRIES } from "@/lib/server/deliveries/attempt-in-inngest-step";
import { creditInStep, type RewardStepSummary, redeemInStep } from "@/lib/server/rewards/reward-in-inngest-step";
import { settleFailedRewardRun } from "@/lib/server/rewards/settle-failed-reward-run";

type StepTools = GetStepTools<typeof inngest>;

export const creditTryStepId = (n: number) => `credit-try-${n}`;
export const creditWaitStepId = (n: number) => `credit-wait-${n}`;
export const redeemTryStepId = (n: number) => `redeem-try-${n}`;
export const redeemWaitStepId = (n: number) => `redeem-wait-${n}`;

/** Tries one unit until it is no longer "again", sleeping until each next try. */
async function untilSettled(
  step: StepTools,
  ids: { tryId: (n: number) => string; waitId: (n: number) => string },
  tryOnce: () => Promise<RewardStepSummary>,
): Promise<RewardStepSummary> {
  let summary = await step.run(ids.tryId(1), tryOnce);
  for (let n = 2; summary.next === "again"; n++) {
    await step.sleepUntil(ids.waitId(n - 1), new Date(summary.nextAttemptAt));
    summary = await step.run(ids.tryId(n), tryOnce);
  }
  return summary;
}

export const creditReward = inngest.createFunction(
  {
    id: "credit-reward",
    triggers: [rewardCreditRequested],
    // For unexpected errors only (the database down): Advocate's and Stripe's failures are retried by the
    // credit's own count and backoff, through the sleeps.
    retries: DELIVERY_RETRIES,
    // One try per reward credit at a time: a resent event must not race the run already crediting it.
    concurrency: { key: "event.data.rewardCreditId", limit: 1 },
    onFailure: settleFailedRewardRun,
  },
  async ({ event, step }) => {
    const { rewardCreditId, generation = 0 } = event.data;
    const credit = await untilSettled(step, { tryId: creditTryStepId, waitId: creditWaitStepId }, () =>
      creditInStep(rewardCreditId, generation),
    );
    if (credit.next !== "redeem") return credit;
    return untilSettled(step, { tryId: redeemTryStepId, waitId: redeemWaitStepId }, () =>
      redeemInStep(rewardCreditId, generation),
    );
  },
);
