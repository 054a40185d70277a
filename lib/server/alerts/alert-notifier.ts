import { getLogger } from "@/lib/log";
import { dispatchAlertNotifications } from "@/lib/server/alerts/dispatch-alert-notifications";
import { resolveDeliveryAlerts } from "@/lib/server/alerts/resolve-delivery-alerts";

/** How soon a first alert's message leaves (the hourly limit is the window's, not this). */
const ROUND_INTERVAL_MS = 30_000;

// One loop per server process, even when Next loads this module more than once.
const globalForNotifier = globalThis as unknown as { alertNotifier?: NodeJS.Timeout };

/** One round: delivery alerts whose cause is gone are resolved, then the due messages go out. */
async function runRound(): Promise<void> {
  await resolveDeliveryAlerts();
  const summary = await dispatchAlertNotifications();
  if (summary.sent + summary.failed > 0) getLogger().info({ component: "alerts", ...summary }, "alert messages");
}

/**
 * The local runner's alert messages (SPEC §12); under Inngest the cron function dispatch-alert-notifications
 * does the same. A timer that does not keep the process alive; a round still running skips the next tick.
 */
export function startAlertNotifier(intervalMs = ROUND_INTERVAL_MS): void {
  if (globalForNotifier.alertNotifier) return;
  let isBusy = false;
  globalForNotifier.alertNotifier = setInterval(() => {
    if (isBusy) return;
    isBusy = true;
    runRound()
      .catch((error: unknown) =>
        getLogger().error({ component: "alerts", reason: (error as Error).message }, "an alert round failed"),
      )
      .finally(() => {
        isBusy = false;
      });
  }, intervalMs);
  globalForNotifier.alertNotifier.unref();
}
