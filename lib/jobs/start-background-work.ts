import { getEnv } from "@/lib/env";
import { getLocalWorker } from "@/lib/jobs/local-runner";

/** Starts the local worker when it is the configured runner; with Inngest the platform calls us instead. */
export function startBackgroundWork(): void {
  if (getEnv().JOBS_DRIVER !== "local") return;
  const worker = getLocalWorker();
  worker.start();
  // Let attempts in flight finish on a normal shutdown; a kill -9 is covered by leases instead.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void worker.stop().finally(() => process.exit(0)));
  }
}
