// Delivery capacity (issue #13): conversions per second at saturation. N signed invoice.paid webhooks are
// stored once through a portal that runs no worker (LOCAL_WORKER=off) and held back (due tomorrow); each
// set-up then gets its own copy of that database (CREATE DATABASE … TEMPLATE), starts its processes, and the
// clock starts when every held delivery is made due at once and the workers are told (NOTIFY). It stops
// when the fake impact.com has recorded the last conversion. Outcome reads (after the poll delay) run
// meanwhile, as they would in production.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { runIntakeLoad } from "@/scripts/bench/intake-load";
import { createDatabase } from "@/testing/db/test-database";
import { startFakeImpact } from "@/testing/fakes/fake-impact";
import { startFakeStripe } from "@/testing/fakes/fake-stripe";
import { benchDatabaseName, createBenchDatabase } from "@/testing/harness/bench-databases";
import { HARNESS, portalEnv } from "@/testing/harness/harness-config";
import { startPortal } from "@/testing/harness/portal-process";
import { seedIntegrations } from "@/testing/harness/seed-integrations";
import type { ServiceProcess } from "@/testing/harness/service-process";
import { invoicePaidTemplate } from "@/testing/harness/signed-webhooks";
import { startWorkerProcess } from "@/testing/harness/worker-process";

export type CapacityResult = {
  /** "web + worker, one process" or "web + N × npm run worker". */
  setup: string;
  workerProcesses: number;
  conversions: number;
  duplicates: number;
  /** Release (all due, workers told) → the last conversion recorded by impact.com. */
  seconds: number;
  perSecond: number;
  /** Release → the first conversion: how fast idle workers react to the NOTIFY. */
  firstMs: number;
};

export type CapacityReport = {
  /** Conversions held back and released in every set-up. */
  conversions: number;
  pollDelay: string;
  /** How fast the web process without a worker stored them (signed webhooks at saturation, NOTIFY hand-off). */
  storedPerSecond: number;
  results: CapacityResult[];
};

/** The bench portal's IMPACT_POLL_DELAY, as in the end-to-end bench. */
const POLL_DELAY = "1s";
const SETUPS = [
  { setup: "web + worker, one process", workerProcesses: 0 },
  { setup: "web (LOCAL_WORKER=off) + 1 × npm run worker", workerProcesses: 1 },
  { setup: "web (LOCAL_WORKER=off) + 2 × npm run worker", workerProcesses: 2 },
];

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function countActive(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM "Delivery" WHERE kind = 'conversion' AND status IN ('pending', 'retrying')`,
  );
  return Number(rows[0]!.n);
}

export async function benchDeliveryCapacity({
  conversions,
  logDir,
}: {
  conversions: number;
  logDir: string;
}): Promise<CapacityReport> {
  const templateUrl = await createBenchDatabase("capacity_template");
  const integrations = await seedIntegrations(templateUrl, { accounts: 2, perAccount: 2 });
  const stripe = await startFakeStripe({
    port: HARNESS.stripePort,
    accounts: integrations.map((integration) => ({ keys: [{ key: integration.stripeApiKey }] })),
  });
  const impact = await startFakeImpact({
    port: HARNESS.impactPort,
    accounts: [...new Set(integrations.map((integration) => integration.impactSid))].map((sid) => ({
      sid,
      authTokens: [HARNESS.impactToken],
    })),
  });
  try {
    console.log(`  storing ${conversions} conversions through a portal without a worker`);
    const web = await startPortal({
      port: HARNESS.portalPort,
      env: portalEnv({ databaseUrl: templateUrl, port: HARNESS.portalPort, localWorker: "off" }),
      logFile: path.join(logDir, "portal-capacity-store.log"),
    });
    let storedPerSecond: number;
    try {
      const load = await runIntakeLoad({
        target: "portal",
        mode: "store",
        url: web.url,
        integrations,
        template: invoicePaidTemplate("subscription_create"),
        runId: randomBytes(4).toString("hex"),
        seconds: 0,
        amount: conversions,
        connections: 32,
      });
      if (load.ok !== conversions) throw new Error(`only ${load.ok} of ${conversions} webhooks were acknowledged`);
      storedPerSecond = load.throughput;
    } finally {
      await web.stop();
    }
    // Held back until each set-up releases them (nothing ran them: no worker was up).
    await withClient(templateUrl, (client) =>
      client.query(`UPDATE "Delivery" SET "dueAt" = now() + interval '1 day' WHERE status = 'pending'`),
    );

    const results: CapacityResult[] = [];
    for (const { setup, workerProcesses } of SETUPS) {
      console.log(`  ${setup}`);
      await impact.reset();
      results.push(await runSetup({ setup, workerProcesses, conversions, logDir, impact }));
    }
    return { conversions, pollDelay: POLL_DELAY, storedPerSecond, results };
  } finally {
    await Promise.all([stripe.close(), impact.close()]);
  }
}

async function runSetup({
  setup,
  workerProcesses,
  conversions,
  logDir,
  impact,
}: {
  setup: string;
  workerProcesses: number;
  conversions: number;
  logDir: string;
  impact: Awaited<ReturnType<typeof startFakeImpact>>;
}): Promise<CapacityResult> {
  const suffix = `capacity_${workerProcesses}`;
  const databaseUrl = await createDatabase(benchDatabaseName(suffix), benchDatabaseName("capacity_template"));
  const env = portalEnv({
    databaseUrl,
    port: HARNESS.portalPort,
    impactPollDelay: POLL_DELAY,
    localWorker: workerProcesses > 0 ? "off" : "on",
  });
  const processes: ServiceProcess[] = [];
  try {
    processes.push(
      await startPortal({ port: HARNESS.portalPort, env, logFile: path.join(logDir, `portal-${suffix}.log`) }),
    );
    for (let n = 1; n <= workerProcesses; n++) {
      processes.push(
        await startWorkerProcess({ env, databaseUrl, logFile: path.join(logDir, `worker-${suffix}-${n}.log`) }),
      );
    }
    return await withClient(databaseUrl, async (client) => {
      await delay(1_000); // every process past its start-up work
      const released = Date.now();
      await client.query(`UPDATE "Delivery" SET "dueAt" = now() WHERE status = 'pending'`);
      // Every working process listens, the one-process set-up included.
      await client.query(`SELECT pg_notify('portal_work', 'deliveries')`);
      const deadline = released + conversions * 100 + 120_000; // 10 a second at the very least
      while ((await countActive(client)) > 0 && Date.now() < deadline) await delay(250);
      const recorded = impact.conversions();
      const times = recorded.map((conversion) => Date.parse(conversion.time)).sort((a, b) => a - b);
      const orders = new Set(recorded.map((conversion) => conversion.params.OrderId));
      const seconds = ((times.at(-1) ?? Number.NaN) - released) / 1000;
      return {
        setup,
        workerProcesses,
        conversions: orders.size,
        duplicates: recorded.length - orders.size,
        seconds: Math.round(seconds * 10) / 10,
        perSecond: Math.round((orders.size / seconds) * 10) / 10,
        firstMs: (times[0] ?? Number.NaN) - released,
      };
    });
  } finally {
    for (const child of processes.reverse()) await child.stop();
  }
}
