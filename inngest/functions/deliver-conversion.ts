// Sends one conversion to impact.com (SPEC §6). The step makes one claimed, recorded attempt
// (lib/server); how it ends tells Inngest to stop, retry with its backoff, or retry at a time.
import { RetryAfterError } from "inngest";
import { inngest } from "@/lib/jobs/inngest/client";
import { conversionRequested } from "@/lib/jobs/inngest/events";
import { attemptInStep, DELIVERY_RETRIES, settleFailedRun } from "@/lib/server/deliveries/attempt-in-inngest-step";

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
    return step.run("attempt", async () => {
      const summary = await attemptInStep(event.data.deliveryId);
      // Conversions never wait on another delivery; should one ever, come back when it says.
      if (summary.status === "waiting") throw new RetryAfterError(summary.reason, new Date(summary.nextAttemptAt));
      return summary;
    });
  },
);
