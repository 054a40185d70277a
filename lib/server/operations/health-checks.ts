// GET /api/health's checks (SPEC §12): the database answers, every committed migration is applied, and the
// local delivery worker of this process turned its loop recently (with LOCAL_WORKER=off: some `npm run worker`
// process is connected to the database). A check is "ok" (or "not used"), or a
// "fail: …" text saying why; any failure makes the whole answer a 503.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { WORK_LISTENER_APPLICATION } from "@/lib/jobs/local/work-listener";
import { getLogger } from "@/lib/log";
import { WorkerPresence } from "@/lib/server/deliveries/worker-presence";

export type CheckResult = "ok" | "not used" | `fail: ${string}`;
export type HealthReport = {
  status: "ok" | "fail";
  checks: { database: CheckResult; migrations: CheckResult; worker: CheckResult };
};
export type HealthOptions = {
  now?: number;
  /** Where the committed migrations are (default: see migrationFolders). */
  migrationsDir?: string;
  databaseTimeoutMs?: number;
  heartbeatMaxAgeMs?: number;
};

const DATABASE_TIMEOUT_MS = 2_000;
/** The idle loop naps at most 5 s and a busy one 1 s: a minute without a turn means it is stuck. */
const HEARTBEAT_MAX_AGE_MS = 60_000;
const MIGRATION_NAME = /^\d{14}_[A-Za-z0-9_]+$/;

class CheckTimeout extends Error {}

/** The check is unauthenticated: its answer says what failed, the log says the details (hosts, codes). */
function reasonOf(error: unknown, check: string): string {
  if (error instanceof CheckTimeout) return error.message;
  getLogger().warn({ component: "health", check, err: error }, "health check failed");
  return "the database could not be reached or refused the query (details in the server log)";
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function checkDatabase(timeoutMs: number): Promise<CheckResult> {
  try {
    await withTimeout(prisma.$queryRaw`SELECT 1`, timeoutMs, "the database");
    return "ok";
  } catch (error) {
    return `fail: ${reasonOf(error, "database")}`;
  }
}

/**
 * The committed migrations are read at run time, not bundled: a checkout has them in prisma/migrations, the
 * standalone image (Dockerfile, testing/harness/standalone-image.ts) in migrate/prisma/migrations beside
 * server.js, which makes its own folder the working directory.
 */
function migrationFolders(): string[] {
  return [
    path.join(process.cwd(), "prisma", "migrations"),
    path.join(process.cwd(), "migrate", "prisma", "migrations"),
  ];
}

async function readMigrationNames(folders: string[]): Promise<string[] | undefined> {
  for (const folder of folders) {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => undefined);
    if (entries)
      return entries.filter((entry) => entry.isDirectory() && MIGRATION_NAME.test(entry.name)).map((e) => e.name);
  }
  return undefined;
}

async function checkMigrations(folders: string[], timeoutMs: number): Promise<CheckResult> {
  const expected = await readMigrationNames(folders);
  if (!expected) {
    getLogger().warn({ component: "health", folders }, "no migrations folder can be read");
    return "fail: the committed migrations (prisma/migrations) cannot be read";
  }
  if (expected.length === 0) return "fail: the migrations folder holds no migrations";
  try {
    const rows = await withTimeout(
      prisma.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      timeoutMs,
      "the database",
    );
    const applied = new Set(rows.map((row) => row.migration_name));
    const missing = expected.filter((name) => !applied.has(name)).sort();
    return missing.length === 0 ? "ok" : `fail: ${missing.length} not applied: ${missing.join(", ")}`;
  } catch (error) {
    return `fail: ${reasonOf(error, "migrations")}`;
  }
}

function checkWorker(now: number, maxAgeMs: number): CheckResult {
  // With Inngest the platform calls the portal; there is no loop in this process to watch.
  if (getEnv().JOBS_DRIVER === "inngest") return "not used";
  const lastBeatAt = WorkerPresence.lastBeatAt();
  if (lastBeatAt === undefined) return "fail: the local delivery worker is not running in this process";
  const ageMs = Math.max(0, now - lastBeatAt);
  if (ageMs > maxAgeMs) {
    return `fail: last heartbeat ${Math.round(ageMs / 1000)} s ago (limit ${Math.round(maxAgeMs / 1000)} s)`;
  }
  return "ok";
}

/**
 * A web process without a worker of its own (LOCAL_WORKER=off) is healthy only while some worker process can
 * take what it stores: each `npm run worker` keeps one LISTEN session, named so that it can be counted here.
 */
async function checkWorkerProcesses(timeoutMs: number): Promise<CheckResult> {
  try {
    const [row] = await withTimeout(
      prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = ${WORK_LISTENER_APPLICATION}`,
      timeoutMs,
      "the database",
    );
    if ((row?.n ?? 0) > 0) return "ok";
    return "fail: LOCAL_WORKER=off and no worker process (npm run worker) is connected to the database";
  } catch (error) {
    return `fail: ${reasonOf(error, "worker")}`;
  }
}

/** Runs every check (in parallel, each bounded by a timeout) and says whether the portal can serve. */
export async function checkHealth(options: HealthOptions = {}): Promise<HealthReport> {
  const timeoutMs = options.databaseTimeoutMs ?? DATABASE_TIMEOUT_MS;
  const isWorkerElsewhere = getEnv().JOBS_DRIVER === "local" && getEnv().LOCAL_WORKER === "off";
  const [database, migrations, worker] = await Promise.all([
    checkDatabase(timeoutMs),
    checkMigrations(options.migrationsDir ? [options.migrationsDir] : migrationFolders(), timeoutMs),
    isWorkerElsewhere
      ? checkWorkerProcesses(timeoutMs)
      : checkWorker(options.now ?? Date.now(), options.heartbeatMaxAgeMs ?? HEARTBEAT_MAX_AGE_MS),
  ]);
  const checks = { database, migrations, worker };
  const isHealthy = Object.values(checks).every((result) => result === "ok" || result === "not used");
  return { status: isHealthy ? "ok" : "fail", checks };
}
