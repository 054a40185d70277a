// Webhook received → conversion recorded by the fake impact.com (queued, the delivery `sent`) →
// delivery confirmed (`delivered`, after the portal read the completed submission), through the built
// portal and its local runner: in the web process, or in `npm run worker` processes beside a web process
// with LOCAL_WORKER=off (woken by NOTIFY). Latencies are impact.com's recorded request time, and the delivery's
// deliveredAt, minus the moment the webhook was sent.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { runIntakeLoad } from "@/scripts/bench/intake-load";
import { startFakeImpact } from "@/testing/fakes/fake-impact";
import { startFakeStripe } from "@/testing/fakes/fake-stripe";
import { createBenchDatabase } from "@/testing/harness/bench-databases";
import { HARNESS, portalEnv } from "@/testing/harness/harness-config";
import { percentile } from "@/testing/harness/percentile";
import { startPortal } from "@/testing/harness/portal-process";
import { seedIntegrations } from "@/testing/harness/seed-integrations";
import type { ServiceProcess } from "@/testing/harness/service-process";
import { invoicePaidTemplate } from "@/testing/harness/signed-webhooks";
import { startWorkerProcess } from "@/testing/harness/worker-process";

export type LatencySummary = { p50: number; p90: number; p99: number; max: number };

export type EndToEndReport = {
  /** 0: the web process runs the worker; else LOCAL_WORKER=off and that many `npm run worker` processes. */
  workerProcesses: number;
  rate: number;
  seconds: number;
  acknowledged: number;
  /** Orders impact.com received (answered QUEUED): the delivery is `sent`, not yet delivered. */
  converted: number;
  duplicates: number;
  /** Webhook sent → conversion recorded by impact.com. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** The portal's IMPACT_POLL_DELAY in this run: the first outcome read waits that long after the send. */
  pollDelay: string;
  /** Conversion deliveries `delivered`: impact.com's submission read back as Complete without an error. */
  confirmed: number;
  /** Webhook sent → delivery confirmed (deliveredAt). */
  confirmedLatency: LatencySummary;
};

/** The bench portal's IMPACT_POLL_DELAY: the test worlds' default, passed explicitly so the report can name it. */
const POLL_DELAY = "1s";

function summarize(latencies: number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Conversion deliveries and when each was confirmed, once none is pending, retrying or sent (or at the deadline). */
async function waitForConfirmations(databaseUrl: string, deadline: number) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (;;) {
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM "Delivery" WHERE kind = 'conversion' AND status IN ('pending', 'retrying', 'sent')`,
      );
      if (Number(rows[0]!.n) === 0 || Date.now() > deadline) break;
      await delay(200);
    }
    const { rows } = await db.query<{ orderId: string; deliveredAt: Date | null }>(
      `SELECT "orderId", "deliveredAt" FROM "Delivery" WHERE kind = 'conversion' AND status = 'delivered'`,
    );
    return rows;
  } finally {
    await db.end();
  }
}

export async function benchEndToEnd({
  rate,
  seconds,
  logDir,
  workerProcesses = 0,
}: {
  rate: number;
  seconds: number;
  logDir: string;
  workerProcesses?: number;
}): Promise<EndToEndReport> {
  const suffix = workerProcesses === 0 ? "e2e" : `e2e_workers_${workerProcesses}`;
  const databaseUrl = await createBenchDatabase(suffix);
  const integrations = await seedIntegrations(databaseUrl, { accounts: 2, perAccount: 2 });
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
  const env = portalEnv({
    databaseUrl,
    port: HARNESS.portalPort,
    impactPollDelay: POLL_DELAY,
    localWorker: workerProcesses > 0 ? "off" : "on",
  });
  const portal = await startPortal({
    port: HARNESS.portalPort,
    env,
    logFile: path.join(logDir, `portal-${suffix}.log`),
  });
  const workers: ServiceProcess[] = [];
  const sentAt = new Map<string, number>();
  try {
    for (let n = 1; n <= workerProcesses; n++) {
      workers.push(
        await startWorkerProcess({ env, databaseUrl, logFile: path.join(logDir, `worker-${suffix}-${n}.log`) }),
      );
    }
    const load = await runIntakeLoad({
      target: "portal",
      mode: "end-to-end",
      url: portal.url,
      integrations,
      template: invoicePaidTemplate("subscription_create"),
      runId: randomBytes(4).toString("hex"),
      seconds,
      connections: 10,
      rate,
      onSend: (ids, at) => sentAt.set(ids.invoiceId, at),
    });
    const deadline = Date.now() + 60_000;
    while (impact.conversions().length < load.ok && Date.now() < deadline) await delay(200);
    const conversions = impact.conversions();
    const perOrder = new Map<string, number>();
    const latencies: number[] = [];
    for (const conversion of conversions) {
      const orderId = conversion.params.OrderId ?? "";
      perOrder.set(orderId, (perOrder.get(orderId) ?? 0) + 1);
      const sent = sentAt.get(orderId);
      if (sent !== undefined && perOrder.get(orderId) === 1) latencies.push(Date.parse(conversion.time) - sent);
    }
    const confirmations = await waitForConfirmations(databaseUrl, Date.now() + 60_000);
    const confirmedLatencies: number[] = [];
    for (const { orderId, deliveredAt } of confirmations) {
      const sent = sentAt.get(orderId);
      if (sent !== undefined && deliveredAt) confirmedLatencies.push(deliveredAt.getTime() - sent);
    }
    return {
      workerProcesses,
      rate,
      seconds,
      acknowledged: load.ok,
      converted: perOrder.size,
      duplicates: conversions.length - perOrder.size,
      ...summarize(latencies),
      pollDelay: POLL_DELAY,
      confirmed: confirmations.length,
      confirmedLatency: summarize(confirmedLatencies),
    };
  } finally {
    await Promise.all([portal.stop(), ...workers.map((worker) => worker.stop())]);
    await Promise.all([stripe.close(), impact.close()]);
  }
}
