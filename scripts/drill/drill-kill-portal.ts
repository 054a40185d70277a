// kill -9 of the portal during sustained webhook load, twice, each time started again at once: every
// event it acknowledged must reach impact.com exactly once; the ones it never answered are resent (as
// Stripe would) and delivered once. Also measures how long the dead process's leases held work back.
import { setTimeout as delay } from "node:timers/promises";
import { checkExactlyOnce, formatExactlyOnce } from "@/scripts/drill/check-exactly-once";
import type { DrillPostgres } from "@/scripts/drill/drill-postgres";
import type { DrillResult } from "@/scripts/drill/drill-result";
import { createDrillWorld, type DrillWorld } from "@/scripts/drill/drill-world";
import {
  type DisruptionDrillOptions,
  startSlowImpactLoad,
  withDisruptionDefaults,
} from "@/scripts/drill/start-slow-impact-load";
import { tallyAnswers } from "@/scripts/drill/stripe-like-sender";

type Kill = { leased: number; inFlightAttempts: number; downMs: number; releasedAfterMs?: number };

// Open = still worked on: to send (pending, retrying) or to read impact.com's outcome (sent), all leased while at it.
async function leasedIds(world: DrillWorld): Promise<string[]> {
  const { rows } = await world.db.query<{ id: string }>(
    `SELECT id FROM "Delivery" WHERE "leaseUntil" > now() AND status IN ('pending', 'retrying', 'sent')`,
  );
  return rows.map((row) => row.id);
}

/** Resolves with the time until none of `ids` is still leased (by anyone) and open, or undefined after 60 s. */
async function timeUntilReleased(world: DrillWorld, ids: string[], since: number): Promise<number | undefined> {
  while (Date.now() - since < 60_000) {
    const { rows } = await world.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM "Delivery" WHERE id = ANY($1) AND "leaseUntil" > now() AND status IN ('pending', 'retrying', 'sent') AND "leaseToken" IN (SELECT "leaseToken" FROM "Delivery" WHERE id = ANY($1))`,
      [ids],
    );
    if (Number(rows[0]!.n) === 0) return Date.now() - since;
    await delay(200);
  }
  return undefined;
}

export async function drillKillPortal(server: DrillPostgres, options: DisruptionDrillOptions): Promise<DrillResult> {
  const { logDir, settleMs, count, rate } = withDisruptionDefaults(options);
  const world = await createDrillWorld(server, "kill", { logDir });
  try {
    // Every kill lands while attempts are on the wire: the case where impact.com may have a conversion
    // the portal never recorded.
    const { events, sender, started, sending } = startSlowImpactLoad(world, { count, rate });
    const kills: Kill[] = [];
    const releases: Promise<void>[] = [];
    for (const at of [4_000, 9_000]) {
      await delay(Math.max(0, started + at - Date.now()));
      // Aim at the worst moment: while impact.com is holding conversion requests the portal has sent.
      for (const deadline = Date.now() + 2_000; Date.now() < deadline; await delay(2)) {
        if (world.impact.requests({ path: "Conversions" }).some((request) => request.outcome === "pending")) break;
      }
      await world.portal.kill9();
      const killedAt = Date.now();
      const leased = await leasedIds(world);
      // (-1 on a schema from before in-flight attempts were recorded: the drill also measures old builds.)
      const { rows } = await world.db
        .query<{ n: string }>(`SELECT count(*) AS n FROM "DeliveryAttempt" WHERE "isInFlight"`)
        .catch(() => ({ rows: [{ n: "-1" }] }));
      await world.restartPortal();
      const kill: Kill = { leased: leased.length, inFlightAttempts: Number(rows[0]!.n), downMs: Date.now() - killedAt };
      kills.push(kill);
      releases.push(
        timeUntilReleased(world, leased, killedAt).then((ms) => {
          kill.releasedAfterMs = ms;
        }),
      );
    }
    await sending;
    await Promise.all(releases);
    const verdict = await checkExactlyOnce(world, events, { waitMs: settleMs });
    const answers = tallyAnswers(sender.records);
    const lines = [
      `${count} events at ${rate}/s; answers: ${Object.entries(answers)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(", ")}; resent events: ${events.filter((event) => event.tries > 1).length}`,
      ...kills.map(
        (kill, index) =>
          `kill ${index + 1}: portal down ${(kill.downMs / 1000).toFixed(1)} s; ${kill.leased} deliveries leased by the dead process, ` +
          `${kill.inFlightAttempts} attempt(s) in flight; their leases gone after ${kill.releasedAfterMs === undefined ? "MORE THAN 60 s" : `${(kill.releasedAfterMs / 1000).toFixed(1)} s`}`,
      ),
      ...formatExactlyOnce(verdict),
    ];
    return { name: "kill -9 portal", ok: verdict.isOk, lines };
  } finally {
    await world.close();
  }
}
