// Modifies the refunded conversion's action at impact.com (SPEC §7): wait REFUND_DELAY so the refund
// can settle, then attempt; while the original conversion is not delivered (confirmed) yet, sleep and try
// again; once the change is queued, follow it to its own outcome (§6a).
import { NonRetriableError } from "inngest";
import { getEnv } from "@/lib/env";
import { inngest } from "@/lib/jobs/inngest/client";
import { refundRequested } from "@/lib/jobs/inngest/events";
import { attemptInStep, DELIVERY_RETRIES, settleFailedRun } from "@/lib/server/deliveries/attempt-in-inngest-step";
import { retryDelayMs } from "@/lib/server/deliveries/backoff";
import { followInSteps } from "@/lib/server/deliveries/follow-in-inngest-steps";

/**
 * With WAIT_FLOOR_BASE_MS the waits add up to about five and a half days, past the conversion's own
 * retries (20 attempts span about 2.2 days) plus the three days its outcome may be read, so a refund
 * gives up only after its conversion could not have been confirmed by the Inngest runner any more.
 */
export const MAX_WAIT_ROUNDS = 30;

/**
 * The conversion's `dueAt` is our backoff, but under Inngest its retry runs on Inngest's schedule: a
 * growing floor (1 min, 2 min, … 6 h) keeps rounds from being spent 5 s apart on a conversion whose
 * retry has not come yet.
 */
const WAIT_FLOOR_BASE_MS = 60_000;

export const processRefund = inngest.createFunction(
  {
    id: "process-refund",
    triggers: [refundRequested],
    retries: DELIVERY_RETRIES,
    concurrency: { key: "event.data.deliveryId", limit: 1 },
    onFailure: settleFailedRun,
  },
  async ({ event, step }) => {
    const { deliveryId } = event.data;
    // Until the delay that began when the webhook arrived ends (a replay after it does not wait again);
    // events handed over before `notBefore` existed wait the whole delay.
    if (event.data.notBefore) await step.sleepUntil("refund-delay", new Date(event.data.notBefore));
    else await step.sleep("refund-delay", getEnv().REFUND_DELAY);

    for (let round = 0; ; round++) {
      // Errors are thrown inside the step (see deliver-conversion): a retry re-runs this round's attempt.
      const summary = await step.run(round === 0 ? "attempt" : `attempt-${round}`, async () => {
        const result = await attemptInStep(deliveryId);
        if (result.status !== "waiting") return result;
        const floor = Date.now() + retryDelayMs(round + 1, WAIT_FLOOR_BASE_MS);
        return { ...result, nextAttemptAt: new Date(Math.max(Date.parse(result.nextAttemptAt), floor)).toISOString() };
      });
      if (summary.status !== "waiting") return followInSteps(step, deliveryId, summary);
      if (round === MAX_WAIT_ROUNDS) {
        throw new NonRetriableError(
          `gave up on refund delivery ${deliveryId} after ${MAX_WAIT_ROUNDS} waits: ${summary.reason}`,
        );
      }
      // A new id per round: a step id is run once per function run.
      await step.sleepUntil(`wait-for-conversion-${round + 1}`, new Date(summary.nextAttemptAt));
    }
  },
);
