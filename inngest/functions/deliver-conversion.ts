// Sends one conversion to impact.com (SPEC §6), then follows it to impact.com's outcome (§6a). The step
// makes one claimed, recorded attempt (lib/server); how it ends tells Inngest to stop, retry with its
// backoff, or retry at a time; once impact.com has queued it, steps read the submission until it settles.
import { RetryAfterError } from "inngest";
import { inngest } from "@/lib/jobs/inngest/client";
import { conversionRequested } from "@/lib/jobs/inngest/events";
import { attemptInStep, DELIVERY_RETRIES, settleFailedRun } from "@/lib/server/deliveries/attempt-in-inngest-step";
import { followInSteps } from "@/lib/server/deliveries/follow-in-inngest-steps";

export const deliverConversion = inngest.createFunction(
  {
    id: "deliver-conversion",
    triggers: [conversionRequested],
    retries: DELIVERY_RETRIES,
    // One attempt per delivery at a time: a resent event must not race the run already sending it.
    concurrency: { key: "event.data.deliveryId", limit: 1 },
    onFailure: settleFailedRun,
  },
  async ({ event, step }) => {
    // Throw inside the step: Inngest re-runs a failed step, but a throw after it would replay its memoized result; NonRetriableError fails the step and the run.
    const sent = await step.run("attempt", async () => {
      const summary = await attemptInStep(event.data.deliveryId);
      // Conversions never wait on another delivery; should one ever, come back when it says.
      if (summary.status === "waiting") throw new RetryAfterError(summary.reason, new Date(summary.nextAttemptAt));
      return summary;
    });
    return followInSteps(step, event.data.deliveryId, sent);
  },
);
