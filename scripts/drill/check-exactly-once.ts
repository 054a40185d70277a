// The verdict of a delivery drill: every event the portal acknowledged reached the fake impact.com
// exactly once (conversions counted per OrderId), or is visibly held for a person because a worker
// died while impact.com may have been receiving it. Anything else is loss or duplication.
import { setTimeout as delay } from "node:timers/promises";
import type { DrillWorld } from "@/scripts/drill/drill-world";
import type { DrillEvent } from "@/scripts/drill/stripe-like-sender";

export type ExactlyOnceReport = {
  acknowledged: number;
  neverAcknowledged: number;
  storedEvents: number;
  deliveredOnce: number;
  /** Held after an unknown outcome: impact.com had it (fine) or not (a person must "Send again"). */
  heldImpactHasIt: number;
  heldImpactMissing: number;
  missing: string[];
  duplicated: string[];
  /** Conversions impact.com accepted after the portal had gone (killed, or gave up waiting): the ambiguous case. */
  acceptedAfterSenderLeft: number;
  stillOpen: number;
  settleSeconds: number;
  isOk: boolean;
};

const UNKNOWN = "outcome unknown";

async function openDeliveries(world: DrillWorld): Promise<number> {
  const { rows } = await world.db.query<{ n: string }>(
    `SELECT count(*) AS n FROM "Delivery" WHERE status IN ('pending', 'retrying')`,
  );
  return Number(rows[0]!.n);
}

/** Waits (up to `waitMs`) until no delivery is pending or retrying, then compares the database, impact.com and what was acknowledged. */
export async function checkExactlyOnce(
  world: DrillWorld,
  events: DrillEvent[],
  { waitMs = 120_000 } = {},
): Promise<ExactlyOnceReport> {
  const started = Date.now();
  let stillOpen = await openDeliveries(world);
  while (stillOpen > 0 && Date.now() - started < waitMs) {
    await delay(500);
    stillOpen = await openDeliveries(world);
  }
  const settleSeconds = Math.round((Date.now() - started) / 100) / 10;
  const perOrder = new Map<string, number>();
  for (const conversion of world.impact.conversions()) {
    const orderId = conversion.params.OrderId ?? "";
    perOrder.set(orderId, (perOrder.get(orderId) ?? 0) + 1);
  }
  const { rows } = await world.db.query<{ orderId: string; status: string; lastError: string | null }>(
    `SELECT "orderId", status, "lastError" FROM "Delivery" WHERE kind = 'conversion'`,
  );
  const deliveryOf = new Map(rows.map((row) => [row.orderId, row]));
  const storedEvents = Number(
    (await world.db.query<{ n: string }>(`SELECT count(*) AS n FROM "StripeEvent"`)).rows[0]!.n,
  );
  const report: ExactlyOnceReport = {
    acknowledged: 0,
    neverAcknowledged: 0,
    storedEvents,
    deliveredOnce: 0,
    heldImpactHasIt: 0,
    heldImpactMissing: 0,
    missing: [],
    duplicated: [],
    acceptedAfterSenderLeft: world.impact.conversions().filter((conversion) => conversion.clientDisconnected).length,
    stillOpen,
    settleSeconds,
    isOk: false,
  };
  for (const event of events) {
    if (event.acknowledgedAt === undefined) {
      report.neverAcknowledged++;
      continue;
    }
    report.acknowledged++;
    const sent = perOrder.get(event.orderId) ?? 0;
    const delivery = deliveryOf.get(event.orderId);
    const isHeld = delivery?.status === "exhausted" && (delivery.lastError ?? "").startsWith(UNKNOWN);
    if (sent > 1) report.duplicated.push(`${event.orderId} ×${sent}`);
    else if (isHeld) report[sent === 1 ? "heldImpactHasIt" : "heldImpactMissing"]++;
    else if (sent === 1 && delivery?.status === "delivered") report.deliveredOnce++;
    else report.missing.push(`${event.orderId} (impact.com has ${sent}, delivery ${delivery?.status ?? "absent"})`);
  }
  report.isOk =
    report.missing.length === 0 &&
    report.duplicated.length === 0 &&
    report.neverAcknowledged === 0 &&
    report.stillOpen === 0;
  return report;
}

export function formatExactlyOnce(report: ExactlyOnceReport): string[] {
  const lines = [
    `acknowledged ${report.acknowledged}/${report.acknowledged + report.neverAcknowledged}, event rows ${report.storedEvents}`,
    `delivered exactly once: ${report.deliveredOnce}; held after an unknown outcome: ${report.heldImpactHasIt + report.heldImpactMissing} ` +
      `(impact.com has ${report.heldImpactHasIt}, lacks ${report.heldImpactMissing})`,
    `impact.com accepted ${report.acceptedAfterSenderLeft} conversion(s) whose sender was gone before the answer (killed or timed out)`,
    `all deliveries final after ${report.settleSeconds} s${report.stillOpen > 0 ? ` — ${report.stillOpen} STILL OPEN` : ""}`,
  ];
  if (report.heldImpactMissing > 0)
    lines.push(
      `NEEDS A PERSON: ${report.heldImpactMissing} held conversion(s) impact.com does not have ("Send again")`,
    );
  if (report.missing.length > 0)
    lines.push(`LOST: ${report.missing.length}: ${report.missing.slice(0, 10).join(", ")}`);
  if (report.duplicated.length > 0)
    lines.push(`DUPLICATED: ${report.duplicated.length}: ${report.duplicated.slice(0, 10).join(", ")}`);
  return lines;
}
