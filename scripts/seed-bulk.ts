// `npm run seed:bulk [-- --events 1000000]`: recreates the bench's delivery-log database
// (portal_bench_log on the local PostgreSQL server) and fills it with a realistic million events.
import { parseArgs } from "node:util";
import { seedBulkEvents } from "@/scripts/bench/seed-bulk-events";
import { benchDatabaseName, createBenchDatabase } from "@/testing/harness/bench-databases";

const { values } = parseArgs({ options: { events: { type: "string", default: "1000000" } } });

async function main() {
  const events = Number(values.events);
  if (!Number.isInteger(events) || events < 1) throw new Error("--events must be a positive integer");
  console.log(`▶ seeding ${benchDatabaseName("log")} with ${events.toLocaleString("en")} events`);
  const url = await createBenchDatabase("log");
  const seconds = await seedBulkEvents(url, events);
  console.log(`done in ${seconds} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
