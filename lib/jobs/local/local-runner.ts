// The local runner's hand-off. The deliveries are already due in the database, so handing them off only
// wakes a worker (lib/server/deliveries/local-worker.ts) so that it does not wait for its next poll: this
// process's own when it runs one (no round trip), else those of the `npm run worker` processes, through a
// PostgreSQL NOTIFY (work-notices.ts). The worker registers itself here; this side knows nothing of how it
// attempts deliveries, which keeps lib/jobs below lib/server.
import type { JobRunner } from "@/lib/jobs/job-runner";
import { sendWorkNotice, type WorkKind } from "@/lib/jobs/local/work-notices";

type Wakeable = { notify(): void };

// One worker per server process, shared across Next's module instances (route bundles and instrumentation).
const globalForWorker = globalThis as unknown as { localWorkerToWake?: Wakeable; rewardWorkerToWake?: Wakeable };

/** Called by the worker when it starts, so that intake can wake it; returns the call that undoes it. */
export function registerLocalWorker(worker: Wakeable): () => void {
  globalForWorker.localWorkerToWake = worker;
  return () => {
    if (globalForWorker.localWorkerToWake === worker) globalForWorker.localWorkerToWake = undefined;
  };
}

/** The reward worker's twin of registerLocalWorker (lib/server/rewards/reward-worker.ts). */
export function registerRewardWorker(worker: Wakeable): () => void {
  globalForWorker.rewardWorkerToWake = worker;
  return () => {
    if (globalForWorker.rewardWorkerToWake === worker) globalForWorker.rewardWorkerToWake = undefined;
  };
}

function workerOf(kind: WorkKind): Wakeable | undefined {
  return kind === "deliveries" ? globalForWorker.localWorkerToWake : globalForWorker.rewardWorkerToWake;
}

/** Wakes this process's worker of that kind, if it runs one (the work listener calls this on a NOTIFY). */
export function wakeLocalWorker(kind: WorkKind): void {
  workerOf(kind)?.notify();
}

/**
 * This process's worker when there is one; otherwise a notice to the other processes' workers. Not awaited:
 * the webhook's answer does not wait for the notice, which never fails (a lost one is found by the poll).
 */
function handOff(kind: WorkKind): void {
  const worker = workerOf(kind);
  if (worker) worker.notify();
  else void sendWorkNotice(kind);
}

export const localRunner: JobRunner = {
  name: "local",
  async enqueue(deliveries) {
    if (deliveries.length > 0) handOff("deliveries");
  },
  async enqueueRewardCredits(credits) {
    if (credits.length > 0) handOff("rewards");
  },
};
