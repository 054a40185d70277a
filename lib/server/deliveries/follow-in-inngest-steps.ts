// The Inngest side of following a submission (SPEC §6a): sleep until the read is due, read in a step,
// until the delivery is no longer `sent`. Step ids derive from the delivery and the read number, so a
// re-run of the function resumes where it was instead of reading again.
import type { GetStepTools } from "inngest";
import type { inngest } from "@/lib/jobs/inngest/client";
import { type AttemptSummary, attemptInStep } from "@/lib/server/deliveries/attempt-in-inngest-step";

type StepTools = GetStepTools<typeof inngest>;

export const outcomeWaitStepId = (deliveryId: string, read: number) => `outcome-wait-${deliveryId}-${read}`;
export const outcomeReadStepId = (deliveryId: string, read: number) => `outcome-read-${deliveryId}-${read}`;

export async function followInSteps(
  step: StepTools,
  deliveryId: string,
  summary: AttemptSummary,
): Promise<AttemptSummary> {
  let current = summary;
  for (let read = 1; current.status === "sent"; read++) {
    await step.sleepUntil(outcomeWaitStepId(deliveryId, read), new Date(current.nextAttemptAt));
    // Errors are thrown inside the step (see deliver-conversion): a retry re-runs this read.
    current = await step.run(outcomeReadStepId(deliveryId, read), () => attemptInStep(deliveryId));
  }
  return current;
}
