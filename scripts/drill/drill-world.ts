// Everything one drill runs against: a database of its own on the drill PostgreSQL, seeded
// integrations, the fake Stripe and fake impact.com (in this process, fresh per drill), and the built
// portal as a child process that the drill may kill and start again.
import path from "node:path";
import pg from "pg";
import type { DrillPostgres } from "@/scripts/drill/drill-postgres";
import { type FakeImpact, startFakeImpact } from "@/testing/fakes/fake-impact";
import { type FakeStripe, startFakeStripe } from "@/testing/fakes/fake-stripe";
import { HARNESS, portalEnv } from "@/testing/harness/harness-config";
import { type PortalProcess, startPortal } from "@/testing/harness/portal-process";
import { type SeededIntegration, seedIntegrations } from "@/testing/harness/seed-integrations";

export type DrillWorld = {
  readonly name: string;
  readonly integrations: SeededIntegration[];
  readonly stripe: FakeStripe;
  readonly impact: FakeImpact;
  readonly db: pg.Pool;
  readonly portalUrl: string;
  portal: PortalProcess;
  restartPortal(): Promise<PortalProcess>;
  close(): Promise<void>;
};

export async function createDrillWorld(
  server: DrillPostgres,
  name: string,
  {
    logDir,
    retryBaseDelay = "200ms",
    impactPollDelay,
    integrationCount = 2,
  }: {
    logDir: string;
    retryBaseDelay?: string;
    /** The first outcome read of a queued conversion (the test worlds' 1 s unless given). */
    impactPollDelay?: string;
    integrationCount?: number;
  },
): Promise<DrillWorld> {
  const databaseUrl = await server.createDatabase(`portal_drill_${name.replace(/\W/g, "_")}`);
  const integrations = await seedIntegrations(databaseUrl, { accounts: 1, perAccount: integrationCount });
  const stripe = await startFakeStripe({
    port: HARNESS.stripePort,
    accounts: integrations.map((integration) => ({ keys: [{ key: integration.stripeApiKey }] })),
  });
  const impact = await startFakeImpact({
    port: HARNESS.impactPort,
    accounts: [{ sid: integrations[0]!.impactSid, authTokens: [HARNESS.impactToken] }],
  });
  const env = portalEnv({ databaseUrl, port: HARNESS.portalPort, retryBaseDelay, impactPollDelay });
  const logFile = path.join(logDir, `portal-${name}.log`);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  db.on("error", () => {}); // the drill restarts the database under this pool on purpose
  const world: DrillWorld = {
    name,
    integrations,
    stripe,
    impact,
    db,
    portalUrl: `http://127.0.0.1:${HARNESS.portalPort}`,
    portal: await startPortal({ port: HARNESS.portalPort, env, logFile }),
    async restartPortal() {
      world.portal = await startPortal({ port: HARNESS.portalPort, env, logFile });
      return world.portal;
    },
    async close() {
      await world.portal.stop();
      await Promise.all([stripe.close(), impact.close(), db.end()]);
    },
  };
  return world;
}
