// Safety net for the Inngest runner's reward credits, as resend-stale-deliveries is for deliveries: intake
// and Try again hand credits to Inngest after commit, and if that send failed the rows would wait forever.
import { inngest } from "@/lib/jobs/inngest/client";
import { inngestRunner } from "@/lib/jobs/inngest/inngest-runner";
import { findStaleRewardCredits } from "@/lib/server/rewards/find-stale-reward-credits";

export const resendStaleRewardCredits = inngest.createFunction(
  { id: "resend-stale-reward-credits", triggers: [{ cron: "*/5 * * * *" }], retries: 2 },
  async ({ step }) => {
    const stale = await step.run("find-stale", () => findStaleRewardCredits());
    if (stale.length > 0) await step.run("hand-over", () => inngestRunner.enqueueRewardCredits(stale));
    return { handedOver: stale.length };
  },
);
