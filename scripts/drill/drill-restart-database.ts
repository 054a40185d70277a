// The drill PostgreSQL (its own server, never the shared one) stopped for 5 s during webhook load and
// started again: 5xx while it is down (Stripe retries), no loss, no duplicate, the portal never exits.
import { setTimeout as delay } from "node:timers/promises";
import { checkExactlyOnce, formatExactlyOnce } from "@/scripts/drill/check-exactly-once";
import type { DrillPostgres } from "@/scripts/drill/drill-postgres";
import type { DrillResult } from "@/scripts/drill/drill-result";
import { createDrillWorld } from "@/scripts/drill/drill-world";
import {
  type DisruptionDrillOptions,
  startSlowImpactLoad,
  withDisruptionDefaults,
} from "@/scripts/drill/start-slow-impact-load";
import { tallyAnswers } from "@/scripts/drill/stripe-like-sender";

export async function drillRestartDatabase(
  server: DrillPostgres,
  options: DisruptionDrillOptions,
): Promise<DrillResult> {
  const { logDir, settleMs, count, rate } = withDisruptionDefaults(options);
  const world = await createDrillWorld(server, "postgres-restart", { logDir });
  try {
    // Attempts are waiting on impact.com when the database stops: their answers arrive while it is down
    // and must still be recorded, once.
    const { events, sender, started, sending } = startSlowImpactLoad(world, { count, rate });
    await delay(4_000);
    const stoppingAt = Date.now();
    await server.stop();
    const downAt = Date.now();
    await delay(5_000);
    await server.start();
    const upAt = Date.now();
    await sending;
    const verdict = await checkExactlyOnce(world, events, { waitMs: settleMs });
    const exited = await Promise.race([world.portal.exited.then(() => true), delay(100).then(() => false)]);
    const during = tallyAnswers(sender.records, { from: downAt, to: upAt });
    const overall = tallyAnswers(sender.records);
    const lines = [
      `${count} events at ${rate}/s; database stopped ${((stoppingAt - started) / 1000).toFixed(1)} s in (shutdown took ${downAt - stoppingAt} ms), down ${((upAt - downAt) / 1000).toFixed(1)} s`,
      `answers while down: ${Object.entries(during)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(", ")}`,
      `answers overall: ${Object.entries(overall)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(", ")}; portal ${exited ? "EXITED" : "kept running"}`,
      ...formatExactlyOnce(verdict),
    ];
    const isOk = verdict.isOk && !exited && during["5xx"] > 0 && overall["network-error"] === 0;
    return { name: "PostgreSQL restart", ok: isOk, lines };
  } finally {
    await world.close();
  }
}
