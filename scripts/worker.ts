// `npm run worker`: the local runner's background work without a web server — the delivery worker and its
// sweeps, the reward worker, the alert notifier — against the same database as the portal (DATABASE_URL, or
// the embedded database that `npm run dev` / `npm start` started, found through .data/embedded-db.json). Run
// as many as you like beside a portal started with LOCAL_WORKER=off: they share the work through
// `FOR UPDATE SKIP LOCKED` and are woken by the portal's NOTIFY. SIGTERM or Ctrl-C finishes the attempts in
// flight, then exits 0.
import { EnvError, getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { startBackgroundWork } from "@/lib/server/deliveries/start-background-work";

async function main(): Promise<void> {
  let jobsDriver: string;
  try {
    jobsDriver = getEnv().JOBS_DRIVER;
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`worker: ${error.message}`);
    process.exit(1);
  }
  if (jobsDriver !== "local") {
    console.error(
      "worker: JOBS_DRIVER is inngest, so Inngest runs the deliveries through /api/inngest and there is nothing for " +
        "`npm run worker` to do. Unset INNGEST_EVENT_KEY/INNGEST_DEV or set JOBS_DRIVER=local to use the local runner.",
    );
    process.exit(1);
  }
  const work = startBackgroundWork("worker");
  await work?.ready;
  getLogger().info({ component: "worker", pid: process.pid }, "worker ready: listening for work");
}

void main();
