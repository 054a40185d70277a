// What waking the workers costs intake (issue #13, docs/performance.md): an intake-shaped transaction (event
// insert + delivery insert) with no notice, with pg_notify inside the transaction, and with the coalesced
// notice after commit that the portal sends (lib/jobs/local/work-notices.ts), while a LISTEN session is
// connected as a worker's would be. Creates and drops portal_bench_notify on the local PostgreSQL.
//   npx tsx scripts/bench/notify-cost.ts [--seconds 8] [--rounds 3]
import { parseArgs } from "node:util";
import pg from "pg";
import { createDatabase, dropDatabases } from "@/testing/db/test-database";
import { HARNESS } from "@/testing/harness/harness-config";

type Variant = "no notice" | "inside the transaction" | "after commit, coalesced";
const VARIANTS: Variant[] = ["no notice", "inside the transaction", "after commit, coalesced"];
const CLIENTS = 32;
const DATABASE = `${HARNESS.databasePrefix}notify`;

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "8" }, rounds: { type: "string", default: "3" } },
});

// A payload about the size of a real invoice.paid event.
const payload = JSON.stringify({
  id: "evt_bench",
  data: { object: { lines: Array.from({ length: 5 }, (_, i) => ({ i, text: "x".repeat(200) })) } },
});

async function main() {
  process.env.TEST_DATABASE_SERVER_URL ??= HARNESS.databaseServerUrl;
  const url = await createDatabase(DATABASE);
  // work-notices.ts reads its database from the portal's configuration.
  Object.assign(process.env, {
    DATABASE_URL: url,
    NODE_ENV: "production",
    AUTH_SECRET: HARNESS.authSecret,
    ENCRYPTION_KEY: HARNESS.encryptionKey,
  });
  const { sendWorkNotice, closeWorkNotices } = await import("@/lib/jobs/local/work-notices");
  const { WorkListener } = await import("@/lib/jobs/local/work-listener");
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query(
    "CREATE TABLE event (id bigserial PRIMARY KEY, payload jsonb); CREATE TABLE delivery (id bigserial PRIMARY KEY, event bigint, due timestamptz)",
  );
  let heard = 0;
  const listener = new WorkListener(() => heard++, { connectionString: url });
  listener.start();
  await listener.ready;

  async function transaction(variant: Variant) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ id: string }>("INSERT INTO event (payload) VALUES ($1) RETURNING id", [
        payload,
      ]);
      await client.query("INSERT INTO delivery (event, due) VALUES ($1, now())", [rows[0]!.id]);
      if (variant === "inside the transaction") await client.query("SELECT pg_notify('portal_work', 'deliveries')");
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    if (variant === "after commit, coalesced") void sendWorkNotice("deliveries");
  }

  async function run(variant: Variant, seconds: number) {
    const latencies: number[] = [];
    const heardBefore = heard;
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < until) {
          const started = performance.now();
          await transaction(variant);
          latencies.push(performance.now() - started);
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last notices arrive
    latencies.sort((a, b) => a - b);
    return {
      variant,
      perSecond: Math.round(latencies.length / seconds),
      p50: Number(latencies[Math.floor(latencies.length * 0.5)]!.toFixed(1)),
      p99: Number(latencies[Math.floor(latencies.length * 0.99)]!.toFixed(1)),
      noticesPerCommit: Math.round(((heard - heardBefore) / latencies.length) * 100) / 100,
    };
  }

  try {
    for (let round = 1; round <= Number(values.rounds); round++) {
      for (const variant of VARIANTS)
        console.log(JSON.stringify({ round, ...(await run(variant, Number(values.seconds))) }));
    }
  } finally {
    await listener.stop();
    await closeWorkNotices();
    await pool.end();
    await dropDatabases(DATABASE);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
