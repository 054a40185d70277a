// The verdict of a delivery drill: every event the portal acknowledged reached the fake impact.com
// exactly once (conversions counted per OrderId) and is `delivered` — confirmed, i.e. impact.com's
// APISubmission completed without an error — or is visibly held for a person (`unknown`) because a
// worker died while impact.com may have been receiving it. Anything else is loss or duplication.
import { setTimeout as delay } from "node:timers/promises";
import type { DrillWorld } from "@/scripts/drill/drill-world";
import type { DrillEvent } from "@/scripts/drill/stripe-like-sender";

/** Statuses a runner still works on: to send (pending, retrying) or to confirm (sent). */
const OPEN_STATUSES = ["pending", "retrying", "sent"] as const;
/** Where a delivery ends; every one is counted, whether the drill expects it or not. */
const FINAL_STATUSES = ["delivered", "rejected", "exhausted", "unknown", "skipped"] as const;
type OpenStatus = (typeof OPEN_STATUSES)[number];
type FinalStatus = (typeof FINAL_STATUSES)[number];

export type ExactlyOnceReport = {
  acknowledged: number;
  neverAcknowledged: number;
  storedEvents: number;
  /** Conversion deliveries by final status (all of them, acknowledged or not). */
  finalStatuses: Record<FinalStatus, number>;
  deliveredOnce: number;
  /** Held after an unknown outcome (status `unknown`): impact.com had it (fine) or not (a person must "Send again"). */
  heldImpactHasIt: number;
  heldImpactMissing: number;
  missing: string[];
  duplicated: string[];
  /** `delivered` although impact.com's submission for the order is not Complete without an error: a false confirmation. */
  unconfirmed: string[];
  /** Conversions impact.com accepted after the portal had gone (killed, or gave up waiting): the ambiguous case. */
  acceptedAfterSenderLeft: number;
  /** Deliveries still pending, retrying or sent (awaiting impact.com's outcome) when the wait ended. */
  stillOpen: number;
  stillOpenByStatus: Record<OpenStatus, number>;
  settleSeconds: number;
  isOk: boolean;
};

async function openDeliveries(world: DrillWorld): Promise<Record<OpenStatus, number>> {
  const { rows } = await world.db.query<{ status: OpenStatus; n: string }>(
    `SELECT status, count(*) AS n FROM "Delivery" WHERE status = ANY($1::"DeliveryStatus"[]) GROUP BY status`,
    [[...OPEN_STATUSES]],
  );
  const open = { pending: 0, retrying: 0, sent: 0 };
  for (const row of rows) open[row.status] = Number(row.n);
  return open;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

/**
 * Waits (up to `waitMs`) until no delivery is pending, retrying or sent, then compares the database,
 * impact.com (its conversions and their submissions) and what was acknowledged.
 */
export async function checkExactlyOnce(
  world: DrillWorld,
  events: DrillEvent[],
  { waitMs = 120_000 } = {},
): Promise<ExactlyOnceReport> {
  const started = Date.now();
  let open = await openDeliveries(world);
  while (total(open) > 0 && Date.now() - started < waitMs) {
    await delay(500);
    open = await openDeliveries(world);
  }
  const settleSeconds = Math.round((Date.now() - started) / 100) / 10;
  const perOrder = new Map<string, number>();
  for (const conversion of world.impact.conversions()) {
    const orderId = conversion.params.OrderId ?? "";
    perOrder.set(orderId, (perOrder.get(orderId) ?? 0) + 1);
  }
  // What impact.com itself says about each order's (single, when not duplicated) conversion submission.
  const submissionOf = new Map(
    world.impact
      .submissions()
      .filter((submission) => submission.type === "Conversion")
      .map((submission) => [submission.params.OrderId ?? "", submission]),
  );
  const { rows } = await world.db.query<{ orderId: string; status: string }>(
    `SELECT "orderId", status FROM "Delivery" WHERE kind = 'conversion'`,
  );
  const deliveryOf = new Map(rows.map((row) => [row.orderId, row]));
  const finalStatuses = { delivered: 0, rejected: 0, exhausted: 0, unknown: 0, skipped: 0 };
  for (const row of rows) if (row.status in finalStatuses) finalStatuses[row.status as FinalStatus]++;
  const storedEvents = Number(
    (await world.db.query<{ n: string }>(`SELECT count(*) AS n FROM "StripeEvent"`)).rows[0]!.n,
  );
  const report: ExactlyOnceReport = {
    acknowledged: 0,
    neverAcknowledged: 0,
    storedEvents,
    finalStatuses,
    deliveredOnce: 0,
    heldImpactHasIt: 0,
    heldImpactMissing: 0,
    missing: [],
    duplicated: [],
    unconfirmed: [],
    acceptedAfterSenderLeft: world.impact.conversions().filter((conversion) => conversion.clientDisconnected).length,
    stillOpen: total(open),
    stillOpenByStatus: open,
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
    const status = deliveryOf.get(event.orderId)?.status ?? "absent";
    if (sent > 1) report.duplicated.push(`${event.orderId} ×${sent}`);
    else if (status === "unknown") report[sent === 1 ? "heldImpactHasIt" : "heldImpactMissing"]++;
    else if (sent === 1 && status === "delivered") {
      const submission = submissionOf.get(event.orderId);
      if (submission?.status === "Complete" && submission.error === null) report.deliveredOnce++;
      else
        report.unconfirmed.push(
          `${event.orderId} (impact.com's submission ${submission ? `${submission.status}${submission.error ? `, ${submission.error.errorType}` : ""}` : "absent"})`,
        );
    } else report.missing.push(`${event.orderId} (impact.com has ${sent}, delivery ${status})`);
  }
  report.isOk =
    report.missing.length === 0 &&
    report.duplicated.length === 0 &&
    report.unconfirmed.length === 0 &&
    report.neverAcknowledged === 0 &&
    report.stillOpen === 0;
  return report;
}

export function formatExactlyOnce(report: ExactlyOnceReport): string[] {
  const open = Object.entries(report.stillOpenByStatus)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${status} ${n}`)
    .join(", ");
  const lines = [
    `acknowledged ${report.acknowledged}/${report.acknowledged + report.neverAcknowledged}, event rows ${report.storedEvents}`,
    `conversion deliveries: ${FINAL_STATUSES.map((status) => `${status} ${report.finalStatuses[status]}`).join(", ")}`,
    `delivered (confirmed by impact.com) exactly once: ${report.deliveredOnce}; held after an unknown outcome: ${report.heldImpactHasIt + report.heldImpactMissing} ` +
      `(impact.com has ${report.heldImpactHasIt}, lacks ${report.heldImpactMissing})`,
    `impact.com accepted ${report.acceptedAfterSenderLeft} conversion(s) whose sender was gone before the answer (killed or timed out)`,
    `all deliveries final after ${report.settleSeconds} s${report.stillOpen > 0 ? ` — ${report.stillOpen} STILL OPEN (${open})` : ""}`,
  ];
  if (report.heldImpactMissing > 0)
    lines.push(
      `NEEDS A PERSON: ${report.heldImpactMissing} held conversion(s) impact.com does not have ("Send again")`,
    );
  if (report.missing.length > 0)
    lines.push(`LOST: ${report.missing.length}: ${report.missing.slice(0, 10).join(", ")}`);
  if (report.duplicated.length > 0)
    lines.push(`DUPLICATED: ${report.duplicated.length}: ${report.duplicated.slice(0, 10).join(", ")}`);
  if (report.unconfirmed.length > 0)
    lines.push(
      `DELIVERED WITHOUT impact.com's CONFIRMATION: ${report.unconfirmed.length}: ${report.unconfirmed.slice(0, 10).join(", ")}`,
    );
  return lines;
}
