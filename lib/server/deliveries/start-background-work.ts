import { getEnv } from "@/lib/env";
import { startAlertNotifier } from "@/lib/server/alerts/alert-notifier";
import { LocalWorker } from "@/lib/server/deliveries/local-worker";
import { RewardWorker } from "@/lib/server/rewards/reward-worker";

// One worker per server process, even when Next loads this module more than once.
const globalForWorker = globalThis as unknown as { localWorker?: LocalWorker; rewardWorker?: RewardWorker };

/** Starts the local worker when it is the configured runner; with Inngest the platform calls us instead. */
export function startBackgroundWork(): void {
  if (getEnv().JOBS_DRIVER !== "local" || globalForWorker.localWorker) return;
  const worker = new LocalWorker();
  globalForWorker.localWorker = worker;
  startAlertNotifier(); // alert messages (SPEC §12); under Inngest a cron function sends them
  worker.start();
  // Advocate reward credits (SPEC §11) have a loop of their own, so a slow Stripe credit never holds a delivery slot.
  const rewardWorker = new RewardWorker();
  globalForWorker.rewardWorker = rewardWorker;
  rewardWorker.start();
  // Let attempts in flight finish on a normal shutdown; a kill -9 is covered by leases instead.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void Promise.all([worker.stop(), rewardWorker.stop()]).finally(() => process.exit(0)));
  }
}
