// Intake throughput and latency (SPEC §10): the built portal and the bare node:http + pg baseline,
// in one run, each on its own fresh database, at a fixed rate and at saturation.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { type LoadResult, runIntakeLoad } from "@/scripts/bench/intake-load";
import { type SignInPressureReport, startSignInPressure } from "@/scripts/bench/sign-in-pressure";
import { createBenchDatabase } from "@/testing/harness/bench-databases";
import { HARNESS, portalEnv } from "@/testing/harness/harness-config";
import { startPortal } from "@/testing/harness/portal-process";
import { seedIntegrations } from "@/testing/harness/seed-integrations";
import { probeWebhookRoute, type ServiceProcess, startService } from "@/testing/harness/service-process";
import { invoicePaidTemplate } from "@/testing/harness/signed-webhooks";

export type IntakeSettings = { rate: number; seconds: number; connections: number; logDir: string };
export type IntakeReport = {
  results: LoadResult[];
  stored: Record<string, { rows: number; acknowledged: number }>;
  /** The portal's saturation run repeated while junk staff sign-ins arrive (issue #16), and their answers. */
  underSignIns?: { perSecond: number } & SignInPressureReport;
};

/** What a credential-stuffing run might send; each one costs a password verification. */
const SIGN_INS_PER_SECOND = 20;

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
  let underSignIns: IntakeReport["underSignIns"];
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
      let acknowledged = warmup.ok + fixed.ok + saturated.ok;
      if (target.name === "portal") {
        console.log(`  portal: saturation while ${SIGN_INS_PER_SECOND} junk staff sign-ins/s arrive`);
        const pressure = await startSignInPressure(server.url, SIGN_INS_PER_SECOND);
        const pressed = await run(
          `saturation + ${SIGN_INS_PER_SECOND} sign-ins/s`,
          settings.seconds,
          settings.connections,
        );
        underSignIns = { perSecond: SIGN_INS_PER_SECOND, ...(await pressure.stop()) };
        results.push(pressed);
        acknowledged += pressed.ok;
      }
      stored[target.name] = { rows: await countEvents(databaseUrl), acknowledged };
    } finally {
      await server.stop();
    }
  }
  return { results, stored, underSignIns };
}
