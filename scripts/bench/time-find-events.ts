// Times the real delivery-log query, lib/server/events/find-events.ts, in this process (Prisma, the
// adapter and the round trips included): median of N calls after one warm-up per scenario. Run by
// bench-log-queries.ts as a child process, because the portal's modules need the react-server
// condition and DATABASE_URL set before they load:
//   DATABASE_URL=… tsx --conditions=react-server scripts/bench/time-find-events.ts '<params json>' <runs>

import { prisma } from "@/lib/db";
import type { EventListQuery } from "@/lib/schemas/events";
import { encodeKeysetCursor } from "@/lib/schemas/list-query";
import type { EventScope } from "@/lib/server/events/event-scope";
import { findEvents } from "@/lib/server/events/find-events";
import { median } from "@/testing/harness/percentile";

type Params = {
  accountId: string;
  integrationId: string;
  cursor: { receivedAt: string; id: string };
  from: string;
  to: string;
  stripeEventId: string;
  customerId: string;
  orderId: string;
};

async function main() {
  const params = JSON.parse(process.argv[2]!) as Params;
  const runs = Number(process.argv[3] ?? 7);
  const brand: EventScope = { role: "brand", accountId: params.accountId };
  const staff: EventScope = { role: "staff", staffUserId: "bench" };
  const q = (query: Partial<EventListQuery>) => query as EventListQuery;
  const scenarios: [string, EventScope, EventListQuery][] = [
    ["first page", brand, q({})],
    [
      "page after a cursor 10,000 rows deep",
      brand,
      q({ cursor: encodeKeysetCursor(params.cursor.receivedAt, params.cursor.id) }),
    ],
    ["integration", brand, q({ integration: params.integrationId })],
    ["type charge.refunded", brand, q({ type: "charge.refunded" })],
    ["outcome exhausted", brand, q({ status: "exhausted" })],
    ["outcome pending (rare)", brand, q({ status: "pending" })],
    ["date range (7 days, 60 days ago)", brand, q({ from: params.from, to: params.to })],
    [
      "integration + outcome + date range",
      brand,
      q({ integration: params.integrationId, status: "exhausted", from: params.from, to: params.to }),
    ],
    ["search: Stripe event id", brand, q({ q: params.stripeEventId })],
    ["search: customer id", brand, q({ q: params.customerId })],
    ["search: OrderId", brand, q({ q: params.orderId })],
    ["support: all accounts, first page", staff, q({})],
    ["support: all accounts, outcome exhausted", staff, q({ status: "exhausted" })],
    ["support: all accounts, search OrderId", staff, q({ q: params.orderId })],
  ];
  const results = [];
  for (const [name, scope, query] of scenarios) {
    const first = await findEvents(scope, query);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      await findEvents(scope, query);
      times.push(performance.now() - started);
    }
    results.push({
      name,
      medianMs: Math.round(median(times) * 100) / 100,
      maxMs: Math.round(Math.max(...times) * 100) / 100,
      rows: first.items.length,
    });
  }
  await prisma.$disconnect();
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
