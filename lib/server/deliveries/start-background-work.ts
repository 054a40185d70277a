import { getEnv } from "@/lib/env";
import { wakeLocalWorker } from "@/lib/jobs/local/local-runner";
import { WorkListener } from "@/lib/jobs/local/work-listener";
import { getLogger } from "@/lib/log";
import { startAlertNotifier } from "@/lib/server/alerts/alert-notifier";
import { LocalWorker } from "@/lib/server/deliveries/local-worker";
import { RewardWorker } from "@/lib/server/rewards/reward-worker";

export type BackgroundWork = {
  /** Resolves once other processes' notices reach this one (the LISTEN took effect). */
  readonly ready: Promise<void>;
  /** Finishes the attempts in flight, then returns. */
  stop(): Promise<void>;
};

// One worker per server process, even when Next loads this module more than once.
const globalForWorker = globalThis as unknown as {
  localWorker?: LocalWorker;
  rewardWorker?: RewardWorker;
  backgroundWork?: BackgroundWork;
};

/**
 * Starts the local runner's background work: the delivery worker (with its sweeps), the reward worker, the
 * alert notifier, and the listener through which web processes without a worker wake them. `web` is the Next
 * server (instrumentation.ts), which leaves it all to `npm run worker` when LOCAL_WORKER=off; `worker` is
 * `npm run worker` itself. With Inngest the platform calls us instead.
 */
export function startBackgroundWork(role: "web" | "worker" = "web"): BackgroundWork | undefined {
  const env = getEnv();
  if (env.JOBS_DRIVER !== "local") return undefined;
  if (globalForWorker.backgroundWork) return globalForWorker.backgroundWork;
  if (role === "web" && env.LOCAL_WORKER === "off") {
    getLogger().info(
      { component: "background-work" },
      "LOCAL_WORKER=off: deliveries, reward credits and alert messages are left to `npm run worker` processes",
    );
    return undefined;
  }
  const worker = new LocalWorker();
  globalForWorker.localWorker = worker;
  startAlertNotifier(); // alert messages (SPEC §12); under Inngest a cron function sends them
  worker.start();
  // Advocate reward credits (SPEC §11) have a loop of their own, so a slow Stripe credit never holds a delivery slot.
  const rewardWorker = new RewardWorker();
  globalForWorker.rewardWorker = rewardWorker;
  rewardWorker.start();
  // Every process that works also listens: a web process with LOCAL_WORKER=off wakes it with a NOTIFY.
  const listener = new WorkListener(wakeLocalWorker);
  listener.start();
  const work: BackgroundWork = {
    ready: listener.ready,
    stop: async () => {
      await Promise.all([listener.stop(), worker.stop(), rewardWorker.stop()]);
    },
  };
  globalForWorker.backgroundWork = work;
  // Let attempts in flight finish on a normal shutdown; a kill -9 is covered by leases instead.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void work.stop().finally(() => process.exit(0)));
  }
  return work;
}
