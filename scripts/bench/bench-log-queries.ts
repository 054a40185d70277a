// Delivery-log queries over a million events: PostgreSQL's own execution + planning time
// (EXPLAIN ANALYZE), median of N runs after one warm-up, against the seeded portal_bench_log.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { LOG_QUERIES, type LogQueryParams } from "@/scripts/bench/log-queries";
import { seedBulkEvents, seededEventCount } from "@/scripts/bench/seed-bulk-events";
import { benchDatabaseUrl, createBenchDatabase } from "@/testing/harness/bench-databases";
import { median } from "@/testing/harness/percentile";

export const LOG_EVENTS = 1_000_000;
export const TARGET_MS = 100;

export type LogQueryResult = { name: string; medianMs: number; maxMs: number; rows: number; plan: string };
export type FindEventsResult = { name: string; medianMs: number; maxMs: number; rows: number };
export type LogQueryReport = {
  events: number;
  seededSeconds?: number;
  source: string;
  account: string;
  accountEvents: number;
  runs: number;
  /** PostgreSQL's planning + execution time of the equivalent SQL, with the plan's spine. */
  results: LogQueryResult[];
  /** The real findEvents, timed in-process (Prisma included), when lib/server/events/find-events.ts exists. */
  findEvents?: FindEventsResult[];
};

/** Runs scripts/bench/time-find-events.ts in a child process (it needs the react-server condition). */
function timeFindEvents(databaseUrl: string, params: LogQueryParams, runs: number): FindEventsResult[] | undefined {
  if (!existsSync("lib/server/events/find-events.ts")) return undefined;
  const output = execFileSync(
    path.resolve("node_modules/.bin/tsx"),
    ["--conditions=react-server", "scripts/bench/time-find-events.ts", JSON.stringify(params), String(runs)],
    {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: "x".repeat(32),
        ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
      },
      encoding: "utf8",
    },
  );
  return JSON.parse(output.trim().split("\n").at(-1)!) as FindEventsResult[];
}

type PlanNode = { "Node Type": string; "Index Name"?: string; "Actual Rows"?: number; Plans?: PlanNode[] };

/** "Limit → Index Scan (StripeEvent_accountId_receivedAt_id_idx)"-style summary of the plan's spine. */
function describePlan(node: PlanNode): string {
  const parts: string[] = [];
  const walk = (current: PlanNode, depth: number) => {
    if (depth > 3) return;
    parts.push(current["Index Name"] ? `${current["Node Type"]} ${current["Index Name"]}` : current["Node Type"]);
    for (const child of current.Plans ?? []) walk(child, depth + 1);
  };
  walk(node, 0);
  return parts.join(" › ");
}

async function sampleParams(client: pg.Client): Promise<{ params: LogQueryParams; accountEvents: number }> {
  const biggest = (
    await client.query<{ accountId: string; n: string }>(
      `SELECT "accountId", count(*) AS n FROM "StripeEvent" GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    )
  ).rows[0]!;
  const deep = (
    await client.query<{ receivedAt: Date; id: string }>(
      `SELECT "receivedAt", id FROM "StripeEvent" WHERE "accountId" = $1 ORDER BY "receivedAt" DESC, id DESC OFFSET 10000 LIMIT 1`,
      [biggest.accountId],
    )
  ).rows[0]!;
  // An old event of that account: its ids are what a support engineer would paste into the search box.
  const old = (
    await client.query<{ stripeEventId: string; customerId: string; orderId: string; integrationId: string }>(
      `SELECT e."stripeEventId", e."customerId", d."orderId", e."integrationId" FROM "StripeEvent" e JOIN "Delivery" d ON d."stripeEventId" = e.id
     WHERE e."accountId" = $1 AND d."orderId" IS NOT NULL ORDER BY e."receivedAt" ASC LIMIT 1 OFFSET 100`,
      [biggest.accountId],
    )
  ).rows[0]!;
  const to = new Date(Date.now() - 60 * 86_400_000);
  return {
    accountEvents: Number(biggest.n),
    params: { ...old, accountId: biggest.accountId, cursor: deep, from: new Date(to.getTime() - 7 * 86_400_000), to },
  };
}

export async function benchLogQueries({ runs }: { runs: number }): Promise<LogQueryReport> {
  let url = benchDatabaseUrl("log");
  let seededSeconds: number | undefined;
  if ((await seededEventCount(url)) !== LOG_EVENTS) {
    console.log("  seeding portal_bench_log (npm run seed:bulk does the same)");
    url = await createBenchDatabase("log");
    seededSeconds = await seedBulkEvents(url, LOG_EVENTS, (line) => console.log(`  ${line}`));
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { params, accountEvents } = await sampleParams(client);
    const results: LogQueryResult[] = [];
    for (const query of LOG_QUERIES) {
      const explain = async () => {
        const { rows } = await client.query<{
          "QUERY PLAN": [{ Plan: PlanNode; "Planning Time": number; "Execution Time": number }];
        }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`, query.params(params));
        return rows[0]!["QUERY PLAN"][0];
      };
      const warm = await explain();
      const times: number[] = [];
      for (let run = 0; run < runs; run++) {
        const plan = await explain();
        times.push(plan["Planning Time"] + plan["Execution Time"]);
      }
      results.push({
        name: query.name,
        medianMs: Math.round(median(times) * 100) / 100,
        maxMs: Math.round(Math.max(...times) * 100) / 100,
        rows: warm.Plan["Actual Rows"] ?? 0,
        plan: describePlan(warm.Plan),
      });
    }
    const findEvents = timeFindEvents(url, params, runs);
    return {
      events: LOG_EVENTS,
      seededSeconds,
      source: "equivalent SQL (scripts/bench/log-queries.ts)",
      account: params.accountId,
      accountEvents,
      runs,
      results,
      findEvents,
    };
  } finally {
    await client.end();
  }
}
