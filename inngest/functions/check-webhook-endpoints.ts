// The Inngest runner's periodic endpoint check (SPEC §12); the local runner's notifier does the same. Every
// minute this minute's share of the enabled integrations is looked at in Stripe, so a disabled or deleted
// endpoint (or a refused key) raises its alert within about ten minutes without anyone opening a page.
import { inngest } from "@/lib/jobs/inngest/client";
import { checkDueWebhookEndpoints } from "@/lib/server/integrations/check-due-webhook-endpoints";

export const checkWebhookEndpoints = inngest.createFunction(
  // One run at a time; the claim's advisory lock keeps a second one (or a local notifier) from looking twice.
  // No retry: the claimed rows are stamped, and the next minute takes the next share anyway.
  { id: "check-webhook-endpoints", triggers: [{ cron: "* * * * *" }], retries: 0, concurrency: { limit: 1 } },
  async ({ step }) => step.run("check-due-endpoints", () => checkDueWebhookEndpoints()),
);
