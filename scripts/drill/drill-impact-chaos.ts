// The fake impact.com failing 30 % of conversions with 500, 5 % with 429 and 2 % answering only after
// 3 s (finite hangs, below the portal's fixed 15 s timeout), and 30 % of the outcome reads that follow each
// queued conversion with 500/503/429: 100 % delivered (confirmed by a read of the completed submission),
// none twice, none held.

import { randomBytes } from "node:crypto";
import { checkExactlyOnce, formatExactlyOnce } from "@/scripts/drill/check-exactly-once";
import type { DrillPostgres } from "@/scripts/drill/drill-postgres";
import type { DrillResult } from "@/scripts/drill/drill-result";
import { createDrillWorld } from "@/scripts/drill/drill-world";
import { paidInvoiceEvents, StripeLikeSender } from "@/scripts/drill/stripe-like-sender";
import { impactChaosMix, impactOutcomeReadChaos } from "@/testing/fakes/impact/chaos-mix";

export async function drillImpactChaos(
  server: DrillPostgres,
  {
    logDir,
    settleMs = 120_000,
    count = 600,
    rate = 50,
  }: { logDir: string; settleMs?: number; count?: number; rate?: number },
): Promise<DrillResult> {
  // Reads back off ×2 from IMPACT_POLL_DELAY after every read that settles nothing, failed or not. At 200 ms
  // a conversion needing 10 reads (~1 in 2,500 with 30 % failed reads) took 204 s and one of 600 missed the
  // settle time. At 50 ms, 13 reads take 410 s: the wait below covers them, and needing 14 (0.3^12 per
  // conversion) is about once in 350 runs of 600. The wait ends as soon as every delivery is final.
  const world = await createDrillWorld(server, "impact-chaos", {
    logDir,
    retryBaseDelay: "200ms",
    impactPollDelay: "50ms",
  });
  try {
    world.impact.setChaos([impactChaosMix(7), impactOutcomeReadChaos(8)]);
    const events = paidInvoiceEvents(randomBytes(3).toString("hex"), count, world.integrations);
    await new StripeLikeSender(world.portalUrl, events).run({ rate });
    const verdict = await checkExactlyOnce(world, events, { waitMs: Math.max(settleMs, 420_000) });
    const requests = world.impact.requests({ path: "Conversions" });
    const injected = requests.filter((request) => request.injected);
    const byStatus = new Map<string, number>();
    for (const request of injected)
      byStatus.set(
        String(request.status ?? request.outcome),
        (byStatus.get(String(request.status ?? request.outcome)) ?? 0) + 1,
      );
    const reads = world.impact.requests({ path: "/APISubmissions/", method: "GET" });
    const failedReads = reads.filter((request) => request.injected).length;
    const { rows } = await world.db.query<{ max: number; avg: string }>(
      `SELECT max("attemptCount") AS max, avg("attemptCount")::numeric(4,2) AS avg FROM "Delivery"`,
    );
    const lines = [
      `${count} events at ${rate}/s; impact.com saw ${requests.length} conversion requests, ${injected.length} with injected failures (${[...byStatus].map(([status, n]) => `${status}×${n}`).join(", ")})`,
      `outcome reads: ${reads.length}, ${failedReads} with injected failures`,
      `attempts per delivery: mean ${rows[0]!.avg}, max ${rows[0]!.max}`,
      ...formatExactlyOnce(verdict),
    ];
    return {
      name: "impact.com chaos",
      ok: verdict.isOk && verdict.heldImpactHasIt + verdict.heldImpactMissing === 0,
      lines,
    };
  } finally {
    await world.close();
  }
}
