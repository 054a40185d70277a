// Safety net for the Inngest runner: intake hands deliveries to Inngest after commit, and if that
// send failed the rows would wait forever. Every five minutes, hand over again what is overdue; the
// event ids are the same, so a delivery Inngest already has is not started twice.
import { inngest } from "@/lib/jobs/inngest/client";
import { inngestRunner } from "@/lib/jobs/inngest/inngest-runner";
import { findStaleDeliveries } from "@/lib/server/deliveries/find-stale-deliveries";

export const resendStaleDeliveries = inngest.createFunction(
  { id: "resend-stale-deliveries", triggers: [{ cron: "*/5 * * * *" }], retries: 2 },
  async ({ step }) => {
    const stale = await step.run("find-stale", () => findStaleDeliveries());
    if (stale.length > 0) {
      await step.run("hand-over", () =>
        inngestRunner.enqueue(stale.map((delivery) => ({ ...delivery, dueAt: new Date(delivery.dueAt) }))),
      );
    }
    return { handedOver: stale.length };
  },
);
