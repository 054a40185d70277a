import { getLogger } from "@/lib/log";
import { dispatchAlertNotifications } from "@/lib/server/alerts/dispatch-alert-notifications";
import { resolveDeliveryAlerts } from "@/lib/server/alerts/resolve-delivery-alerts";
import { checkDueWebhookEndpoints } from "@/lib/server/integrations/check-due-webhook-endpoints";

/** How soon a first alert's message leaves (the hourly limit is the window's, not this). */
const ROUND_INTERVAL_MS = 30_000;

// One loop per server process, even when Next loads this module more than once.
const globalForNotifier = globalThis as unknown as { alertNotifier?: NodeJS.Timeout };

/** Messages: delivery alerts whose cause is gone are resolved, then the due messages go out. */
async function sendMessages(): Promise<void> {
  await resolveDeliveryAlerts();
  const summary = await dispatchAlertNotifications();
  if (summary.sent + summary.failed > 0) getLogger().info({ component: "alerts", ...summary }, "alert messages");
}

/** Endpoints: this minute's share of the integrations is looked at in Stripe, raising or resolving alerts. */
async function checkEndpoints(): Promise<void> {
  const summary = await checkDueWebhookEndpoints();
  if (summary.checked > (summary.statuses.enabled ?? 0)) {
    getLogger().info({ component: "alerts", ...summary }, "endpoint checks found endpoints that are not enabled");
  }
}

/**
 * The local runner's alert work (SPEC §12); under Inngest the cron functions send-alert-messages and
 * check-webhook-endpoints do the same. One timer that does not keep the process alive; each job skips a
 * tick while its previous run is still going, and a slow Stripe never holds back a message.
 */
export function startAlertNotifier(intervalMs = ROUND_INTERVAL_MS): void {
  if (globalForNotifier.alertNotifier) return;
  const jobs = [
    { name: "messages", run: sendMessages, isBusy: false },
    { name: "endpoint checks", run: checkEndpoints, isBusy: false },
  ];
  globalForNotifier.alertNotifier = setInterval(() => {
    for (const job of jobs) {
      if (job.isBusy) continue;
      job.isBusy = true;
      job
        .run()
        .catch((error: unknown) =>
          getLogger().error(
            { component: "alerts", job: job.name, reason: (error as Error).message },
            "an alert round failed",
          ),
        )
        .finally(() => {
          job.isBusy = false;
        });
    }
  }, intervalMs);
  globalForNotifier.alertNotifier.unref();
}
