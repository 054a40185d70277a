import type { JobRunner } from "@/lib/jobs/job-runner";
import { LocalWorker } from "@/lib/jobs/local-worker";

// One worker per server process, shared across Next's module instances.
const globalForWorker = globalThis as unknown as { localWorker?: LocalWorker };

export function getLocalWorker(): LocalWorker {
  globalForWorker.localWorker ??= new LocalWorker();
  return globalForWorker.localWorker;
}

export const localRunner: JobRunner = {
  name: "local",
  async enqueue() {
    // The rows are already due in the database; only wake the worker so it does not wait for its next poll.
    getLocalWorker().notify();
  },
};
