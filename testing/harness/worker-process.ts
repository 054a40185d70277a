// `npm run worker` as a child process of the bench (issue #13): the same command line as the npm script, the
// portal's environment, its own log file. It serves no HTTP, so it counts as up once its LISTEN session is
// connected — the same session /api/health counts for a web process with LOCAL_WORKER=off.
import path from "node:path";
import pg from "pg";
import { WORK_LISTENER_APPLICATION } from "@/lib/jobs/local/work-listener";
import { cpuProfileFlags } from "@/testing/harness/harness-config";
import { type ServiceProcess, startService } from "@/testing/harness/service-process";

async function countListeners(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
      [WORK_LISTENER_APPLICATION],
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/**
 * Starts one worker process on `env`'s database and resolves once it listens. Start several one after the
 * other: each waits until the database holds one listener more than before it.
 */
export async function startWorkerProcess({
  env,
  databaseUrl,
  logFile,
}: {
  /** The portal's environment (harness-config.ts portalEnv); its DATABASE_URL is `databaseUrl`. */
  env: Record<string, string>;
  databaseUrl: string;
  logFile: string;
}): Promise<ServiceProcess> {
  const before = await countListeners(databaseUrl);
  return startService({
    command: process.execPath,
    args: [...cpuProfileFlags(), "--conditions=react-server", "--import", "tsx", path.resolve("scripts/worker.ts")],
    env,
    logFile,
    url: `worker listening on ${new URL(databaseUrl).pathname.slice(1)}`,
    probe: async () => {
      if ((await countListeners(databaseUrl)) <= before) throw new Error("not listening yet");
    },
  });
}
