import "server-only";
import { prisma } from "@/lib/db";
import { DELIVERY_STATUSES, type DeliveryStatusName } from "@/lib/views/event-view";
import type { DeliveryCounts, DeliveryDay, DeliveryStats } from "@/lib/views/integration-view";

export const CHART_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

type Bucket = {
  integrationId: string;
  lastEventAt: Date | null;
  status: DeliveryStatusName | null;
  day: string | null;
  isRecent: boolean | null;
  count: number | null;
};

/** The UTC days of the chart, oldest first, ending today. */
export function chartDays(now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: CHART_DAYS }, (_, index) =>
    new Date(today - (CHART_DAYS - 1 - index) * DAY_MS).toISOString().slice(0, 10),
  );
}

const emptyCounts = (): DeliveryCounts => ({ delivered: 0, awaiting: 0, pending: 0, failed: 0, skipped: 0 });
const emptyDay = (day: string): DeliveryDay => ({ day, delivered: 0, failed: 0, awaiting: 0 });

/**
 * The dashboard bucket of every status (a new status does not compile until it has one). Delivered counts
 * only what impact.com confirmed; sent is "awaiting impact.com"; pending and retrying are both "on their
 * way"; rejected, exhausted and unknown are the failures a person has to look at.
 */
const BUCKET_OF: Record<DeliveryStatusName, keyof DeliveryCounts> = {
  pending: "pending",
  retrying: "pending",
  sent: "awaiting",
  delivered: "delivered",
  rejected: "failed",
  exhausted: "failed",
  unknown: "failed",
  skipped: "skipped",
};

/** The chart shows the confirmed, the failed and the awaiting; what is on its way or skipped stays off it. */
function countDay(day: DeliveryDay, bucket: keyof DeliveryCounts, count: number): void {
  if (bucket === "delivered" || bucket === "failed" || bucket === "awaiting") day[bucket] += count;
}

/**
 * Dashboard numbers for every integration of the account in ONE query: last event
 * received, deliveries created in the last 24 h by bucket, and per UTC day of the last 7
 * the delivered (confirmed), failed and awaiting counts. Buckets are grouped in SQL, so
 * the rows returned scale with integrations × days × statuses, not with deliveries.
 */
export async function findDeliveryStats(accountId: string, now = new Date()): Promise<Map<string, DeliveryStats>> {
  const days = chartDays(now);
  const since24h = new Date(now.getTime() - DAY_MS).toISOString();
  const since7d = `${days[0]}T00:00:00.000Z`;
  // Columns are UTC timestamps without time zone (Prisma's convention); parameters are cast the same way.
  // Listing every status lets PostgreSQL walk the (accountId, status, createdAt) index as one range
  // scan per status over the window instead of every delivery the account ever had.
  const buckets = await prisma.$queryRaw<Bucket[]>`
    WITH buckets AS (
      SELECT d."integrationId", d."status", to_char(d."createdAt", 'YYYY-MM-DD') AS "day",
        (d."createdAt" >= (${since24h}::timestamptz AT TIME ZONE 'UTC')) AS "isRecent", count(*)::int AS "count"
      FROM "Delivery" d
      WHERE d."accountId" = ${accountId}
        AND d."status" = ANY (${[...DELIVERY_STATUSES]}::"DeliveryStatus"[])
        AND d."createdAt" >= (${since7d}::timestamptz AT TIME ZONE 'UTC')
      GROUP BY 1, 2, 3, 4
    )
    SELECT i."id" AS "integrationId",
      (SELECT max(e."receivedAt") FROM "StripeEvent" e WHERE e."integrationId" = i."id") AS "lastEventAt",
      b."status"::text AS "status", b."day", b."isRecent", b."count"
    FROM "Integration" i
    LEFT JOIN buckets b ON b."integrationId" = i."id"
    WHERE i."accountId" = ${accountId}`;

  const stats = new Map<string, DeliveryStats & { byDay: Map<string, DeliveryDay> }>();
  for (const bucket of buckets) {
    let entry = stats.get(bucket.integrationId);
    if (!entry) {
      const byDay = new Map(days.map((day) => [day, emptyDay(day)]));
      entry = { lastEventAt: bucket.lastEventAt, last24h: emptyCounts(), days: [...byDay.values()], byDay };
      stats.set(bucket.integrationId, entry);
    }
    if (bucket.status === null || bucket.count === null) continue;
    const counted = BUCKET_OF[bucket.status];
    if (bucket.isRecent) entry.last24h[counted] += bucket.count;
    const day = entry.byDay.get(bucket.day ?? "");
    if (day) countDay(day, counted, bucket.count);
  }
  return new Map([...stats].map(([id, { byDay: _byDay, ...rest }]) => [id, rest]));
}

/** Stats of an integration with no row in the query's answer (e.g. created a moment later). */
export function emptyDeliveryStats(now = new Date()): DeliveryStats {
  return {
    lastEventAt: null,
    last24h: emptyCounts(),
    days: chartDays(now).map(emptyDay),
  };
}
