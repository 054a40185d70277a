// The local runner's hand-off. The deliveries are already due in the database, so handing them off only
// wakes this process's worker (lib/server/deliveries/local-worker.ts) so that it does not wait for its
// next poll. The worker registers itself here; this side knows nothing of how it attempts deliveries,
// which keeps lib/jobs below lib/server.
import type { JobRunner } from "@/lib/jobs/job-runner";

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

export const localRunner: JobRunner = {
  name: "local",
  async enqueue() {
    globalForWorker.localWorkerToWake?.notify();
  },
  async enqueueRewardCredits() {
    globalForWorker.rewardWorkerToWake?.notify();
  },
};
