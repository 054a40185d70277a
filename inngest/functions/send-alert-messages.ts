// The Inngest runner's alert messages (SPEC §12); the local runner's notifier loop does the same. Every
// minute: delivery alerts whose cause is gone are resolved, then each integration and kind whose hour is up
// gets its one message.
import { inngest } from "@/lib/jobs/inngest/client";
import { dispatchAlertNotifications } from "@/lib/server/alerts/dispatch-alert-notifications";
import { resolveDeliveryAlerts } from "@/lib/server/alerts/resolve-delivery-alerts";

export const sendAlertMessages = inngest.createFunction(
  // One run at a time: windows are claimed with SKIP LOCKED anyway, this only saves idle overlap.
  { id: "send-alert-messages", triggers: [{ cron: "* * * * *" }], retries: 1, concurrency: { limit: 1 } },
  async ({ step }) => {
    const resolved = await step.run("resolve-delivery-alerts", () => resolveDeliveryAlerts());
    const summary = await step.run("send-due-messages", () => dispatchAlertNotifications());
    return { resolved, ...summary };
  },
);
