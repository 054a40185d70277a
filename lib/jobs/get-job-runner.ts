import { getEnv } from "@/lib/env";
import { inngestRunner } from "@/lib/jobs/inngest/inngest-runner";
import type { JobRunner } from "@/lib/jobs/job-runner";
import { localRunner } from "@/lib/jobs/local/local-runner";

/** JOBS_DRIVER decides (SPEC §2): Inngest when configured, else the local runner. */
export function getJobRunner(): JobRunner {
  return getEnv().JOBS_DRIVER === "inngest" ? inngestRunner : localRunner;
}
