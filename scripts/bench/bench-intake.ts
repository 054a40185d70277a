// Intake throughput and latency (SPEC §10): the built portal and the bare node:http + pg baseline,
// in one run, each on its own fresh database, at a fixed rate and at saturation.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { type LoadResult, runIntakeLoad } from "@/scripts/bench/intake-load";
import { createBenchDatabase } from "@/testing/harness/bench-databases";
import { HARNESS, portalEnv } from "@/testing/harness/harness-config";
import { startPortal } from "@/testing/harness/portal-process";
import { seedIntegrations } from "@/testing/harness/seed-integrations";
import { probeWebhookRoute, type ServiceProcess, startService } from "@/testing/harness/service-process";
import { invoicePaidTemplate } from "@/testing/harness/signed-webhooks";

export type IntakeSettings = { rate: number; seconds: number; connections: number; logDir: string };
export type IntakeReport = { results: LoadResult[]; stored: Record<string, { rows: number; acknowledged: number }> };

async function countEvents(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "StripeEvent"`)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

function startBaseline(databaseUrl: string, logFile: string): Promise<ServiceProcess> {
  return startService({
    command: path.resolve("node_modules/.bin/tsx"),
    args: ["scripts/bench/baseline-server.ts", "--port", String(HARNESS.baselinePort), "--database-url", databaseUrl],
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production" },
    logFile,
    url: `http://127.0.0.1:${HARNESS.baselinePort}`,
    probe: probeWebhookRoute,
  });
}

export async function benchIntake(settings: IntakeSettings): Promise<IntakeReport> {
  // billing_reason=manual: each request stores an event row and a (skipped) delivery row and leaves the
  // portal's worker idle, so both servers do the same verify-and-insert; deliveries are the e2e bench's.
  const template = invoicePaidTemplate("manual");
  const targets = [
    {
      name: "portal",
      suffix: "intake_portal",
      start: (url: string) =>
        startPortal({
          port: HARNESS.portalPort,
          env: portalEnv({ databaseUrl: url, port: HARNESS.portalPort }),
          logFile: path.join(settings.logDir, "portal-intake.log"),
        }),
    },
    {
      name: "baseline",
      suffix: "intake_baseline",
      start: (url: string) => startBaseline(url, path.join(settings.logDir, "baseline.log")),
    },
  ];
  const results: LoadResult[] = [];
  const stored: IntakeReport["stored"] = {};
  for (const target of targets) {
    const databaseUrl = await createBenchDatabase(target.suffix);
    const integrations = await seedIntegrations(databaseUrl, { accounts: 2, perAccount: 5 });
    const server = await target.start(databaseUrl);
    try {
      const common = { target: target.name, url: server.url, integrations, template };
      const run = (mode: string, seconds: number, connections: number, rate?: number) =>
        runIntakeLoad({ ...common, mode, seconds, connections, rate, runId: randomBytes(4).toString("hex") });
      console.log(`  ${target.name}: warm-up`);
      const warmup = await run("warm-up", 5, 16);
      console.log(`  ${target.name}: ${settings.rate} req/s for ${settings.seconds} s`);
      const fixed = await run(`${settings.rate} req/s`, settings.seconds, settings.connections, settings.rate);
      console.log(`  ${target.name}: saturation for ${settings.seconds} s`);
      const saturated = await run("saturation", settings.seconds, settings.connections);
      results.push(fixed, saturated);
      stored[target.name] = { rows: await countEvents(databaseUrl), acknowledged: warmup.ok + fixed.ok + saturated.ok };
    } finally {
      await server.stop();
    }
  }
  return { results, stored };
}
