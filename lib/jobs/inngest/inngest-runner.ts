import { inngest } from "@/lib/jobs/inngest/client";
import {
  conversionRequested,
  deliveryEventId,
  refundRequested,
  rewardCreditEventId,
  rewardCreditRequested,
} from "@/lib/jobs/inngest/events";
import type { JobRunner } from "@/lib/jobs/job-runner";
import { getLogger } from "@/lib/log";

export const inngestRunner: JobRunner = {
  name: "inngest",
  async enqueue(deliveries) {
    if (deliveries.length === 0) return;
    try {
      await inngest.send(
        deliveries.map((delivery) =>
          (delivery.kind === "conversion" ? conversionRequested : refundRequested).create(
            {
              deliveryId: delivery.id,
              generation: delivery.generation ?? 0,
              ...(delivery.kind === "conversion" ? {} : { notBefore: delivery.dueAt.toISOString() }),
            },
            { id: deliveryEventId(delivery.id, delivery.generation) },
          ),
        ),
      );
    } catch (error) {
      // The deliveries are stored as pending; a failed hand-off is visible in the log and can be retried from there.
      getLogger().error(
        { component: "inngest-runner", reason: (error as Error).message },
        "could not send delivery events",
      );
    }
  },
  async enqueueRewardCredits(credits) {
    if (credits.length === 0) return;
    try {
      await inngest.send(
        credits.map((credit) =>
          rewardCreditRequested.create(
            { rewardCreditId: credit.id, generation: credit.generation ?? 0 },
            { id: rewardCreditEventId(credit.id, credit.generation) },
          ),
        ),
      );
    } catch (error) {
      // The credits are stored as pending; the resend cron (resend-stale-reward-credits) hands them over again.
      getLogger().error(
        { component: "inngest-runner", reason: (error as Error).message },
        "could not send reward credit events",
      );
    }
  },
};
