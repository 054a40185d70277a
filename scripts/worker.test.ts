// `npm run worker` as real processes against this file's database (issue #13): two of them share a burst that
// a process without a worker handed off (NOTIFY), each delivery attempted once; the second finds the database
// the way it finds the embedded one (.data/embedded-db.json, DATABASE_URL unset); SIGTERM ends both cleanly.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getJobRunner } from "@/lib/jobs/get-job-runner";
import { WORK_LISTENER_APPLICATION } from "@/lib/jobs/local/work-listener";
import { closeWorkNotices } from "@/lib/jobs/local/work-notices";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildCustomer } from "@/testing/stripe/builders/customer";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

const fakes = useFakes({ impact: { submissionTiming: { completeAfterMs: 0 } } });
const IMPACT_TOKEN = "worker-process-token";
const ROOT = path.resolve(import.meta.dirname, "..");

type Worker = { child: ChildProcess; output: () => string; exited: Promise<number | null> };
const workers: Worker[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const { child } of workers.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});
afterAll(async () => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  await closeWorkNotices();
});

/** `npm run worker`'s own command line, from `cwd`, with exactly `env` (plus PATH and HOME). */
function spawnWorker(cwd: string, env: Record<string, string>): Worker {
  const tsx = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    // From another folder, tsx still needs the project's tsconfig for the @/ paths.
    TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.json"),
    ...env,
  };
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", tsx, path.join(ROOT, "scripts/worker.ts")],
    { cwd, env: childEnv as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const worker = { child, output: () => output, exited };
  workers.push(worker);
  return worker;
}

/** What the portal itself runs with, minus the database (each worker finds it its own way). */
function workerEnv(): Record<string, string> {
  const env = getEnv();
  return {
    NODE_ENV: "development",
    AUTH_SECRET: env.AUTH_SECRET,
    ENCRYPTION_KEY: env.ENCRYPTION_KEY,
    STRIPE_API_BASE_URL: env.STRIPE_API_BASE_URL,
    IMPACT_API_BASE_URL: env.IMPACT_API_BASE_URL,
    IMPACT_POLL_DELAY: "60s", // sends only: no outcome read during the test
  };
}

async function listeners(): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = ${WORK_LISTENER_APPLICATION}`;
  return row!.n;
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await delay(50);
  }
}

describe("npm run worker", () => {
  it("refuses to start when Inngest runs the deliveries, saying why", async () => {
    const worker = spawnWorker(ROOT, { ...workerEnv(), DATABASE_URL: getEnv().DATABASE_URL, JOBS_DRIVER: "inngest" });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain("worker: JOBS_DRIVER is inngest, so Inngest runs the deliveries");
  });

  it("shares a burst handed off by NOTIFY with another worker process, each delivery attempted once, and stops on SIGTERM", async () => {
    const embeddedCwd = mkdtempSync(path.join(os.tmpdir(), "portal-worker-"));
    folders.push(embeddedCwd);
    mkdirSync(path.join(embeddedCwd, ".data"));
    writeFileSync(path.join(embeddedCwd, ".data/embedded-db.json"), JSON.stringify({ url: getEnv().DATABASE_URL }));
    const onServer = spawnWorker(ROOT, { ...workerEnv(), DATABASE_URL: getEnv().DATABASE_URL });
    const onEmbedded = spawnWorker(embeddedCwd, workerEnv());
    await until(async () => (await listeners()) === 2, 30_000, "both workers listening");

    const stripeAccount = fakes.stripe.addAccount({ keys: [{}] });
    const account = await createTestAccount();
    fakes.impact.addAccount({ sid: account.impactSid, authTokens: [IMPACT_TOKEN], companyName: account.companyName });
    const { integration } = await createTestIntegration({
      accountId: account.id,
      stripeApiKey: stripeAccount.keys[0]!.key,
      impactAuthToken: IMPACT_TOKEN,
    });
    // Which workers held leases while the burst ran (the token carries the worker's key).
    const owners = new Set<string>();
    let isWatching = true;
    const watch = (async () => {
      while (isWatching) {
        const rows = await prisma.$queryRaw<{ owner: string }[]>`
          SELECT DISTINCT substring("leaseToken" FROM '^w([0-9]+)[.]') AS owner FROM "Delivery" WHERE "leaseToken" IS NOT NULL`;
        for (const { owner } of rows) owners.add(owner);
        await delay(10);
      }
    })();
    const ids: string[] = [];
    for (let n = 0; n < 60; n++) {
      const customer = buildCustomer({ metadata: { im_ref: `click-${n}` } });
      fakes.stripe.seed(stripeAccount.id, customer);
      const invoice = buildPaidInvoice({
        billingReason: "subscription_create",
        customer: customer.id,
        amountPaid: 900,
      });
      const stored = await storeStripeEvent(integration, buildEvent("invoice.paid", invoice), "webhook");
      ids.push(stored.deliveries[0]!.id);
      // No worker in this process: the hand-off is the NOTIFY the two processes listen for.
      await getJobRunner().enqueue(stored.deliveries);
    }
    await until(() => fakes.impact.conversions().length >= ids.length, 60_000, "every conversion sent");
    await delay(500); // a second send would have arrived by now
    isWatching = false;
    await watch;

    const orders = fakes.impact.conversions().map((conversion) => conversion.params.OrderId);
    expect(orders).toHaveLength(ids.length);
    expect(new Set(orders).size).toBe(ids.length);
    const attempts = await prisma.deliveryAttempt.groupBy({
      by: ["deliveryId"],
      where: { deliveryId: { in: ids }, requestMethod: "POST" },
      _count: true,
    });
    expect(attempts.map((row) => row._count)).toEqual(ids.map(() => 1));
    expect(owners.size).toBe(2); // both processes took part

    onServer.child.kill("SIGTERM");
    onEmbedded.child.kill("SIGTERM");
    expect(await Promise.all([onServer.exited, onEmbedded.exited])).toEqual([0, 0]);
    expect(`${onServer.output()}${onEmbedded.output()}`).not.toMatch(/"level":"(error|fatal)"|Error:/);
    expect(await listeners()).toBe(0);
  });
});
