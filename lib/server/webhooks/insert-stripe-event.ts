// Intake's write as one statement (issue 13): the event, its planned delivery and, for a conversion another
// event already planned, the visibly skipped row — without an interactive transaction (which cost BEGIN,
// four statements and COMMIT, each a round trip through Prisma's engine). One statement is one transaction:
// all of it is stored or none.
//
// Why it is safe:
// - The delivery is inserted first so that the event's outcome can say whether it was a duplicate
//   conversion (sibling CTEs see each other only through RETURNING). Its foreign key to the event is checked
//   at the end of the statement, when the event row exists.
// - A copy of an event already stored inserts nothing: `seen` finds the committed event, and a copy racing an
//   uncommitted one waits on the same unique keys (the delivery's dedupe key, then the event id) and then
//   inserts nothing. Should two racing copies plan differently (the integration was edited between them), the
//   loser's delivery has no event to belong to and the statement fails: answered 503, Stripe's retry then
//   finds the event stored.
// - `i` makes the statement store nothing unless the integration's row is still at the version intake read
//   (get-intake-integration.ts); the caller then reads the row again and plans again.
import { randomUUID } from "node:crypto";
import { sqlPool } from "@/lib/db";

export type EventRow = {
  id: string;
  accountId: string;
  integrationId: string;
  stripeEventId: string;
  type: string;
  livemode: boolean;
  apiVersion: string | null;
  stripeCreatedAt: Date;
  source: "webhook" | "recovery";
  status: "accepted" | "ignored";
  ignoredReason: string | null;
  outcome: "pending" | "skipped" | "ignored";
  customerId: string | null;
  payloadJson: string;
};

export type DeliveryRow = {
  kind: "conversion" | "modification";
  dedupeKey: string;
  orderId?: string | null;
  eventTypeId?: string | null;
  subscriptionId?: string | null;
  status: "pending" | "skipped";
  skipReason?: string | null;
  dueAt: Date | null;
};

/** The row kept when another event already planned this conversion: it sends nothing. */
export type DuplicateConversionRow = { dedupeKey: string; skipReason: string };

export type InsertedEvent = {
  /** False when the integration is gone or changed since it was read: nothing was stored. */
  isIntegrationCurrent: boolean;
  /** False when this event id was already stored for the integration (nothing else was written). */
  isStored: boolean;
  /** The id of `delivery` when it was inserted (a conversion another event planned is not). */
  deliveryId: string | null;
};

const INSERT_EVENT_SQL = `
WITH i AS (
  SELECT id FROM "Integration" WHERE id = $1 AND ($2::text IS NULL OR "updatedAt"::text = $2)
),
seen AS (SELECT 1 FROM "StripeEvent" WHERE "integrationId" = $1 AND "stripeEventId" = $5),
d AS (
  INSERT INTO "Delivery" (id, "accountId", "integrationId", "stripeEventId", kind, "dedupeKey", "orderId",
    "eventTypeId", "subscriptionId", status, "skipReason", "dueAt", "updatedAt")
  SELECT $17, $4, $1, $3, $18::"DeliveryKind", $19, $20, $21, $22, $23::"DeliveryStatus", $24,
    ($25::timestamptz AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
  FROM i WHERE $16::boolean AND NOT EXISTS (SELECT 1 FROM seen)
  ON CONFLICT ("integrationId", "dedupeKey") DO NOTHING
  RETURNING id
),
duplicate AS (SELECT $26::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM d) AS is_duplicate),
e AS (
  INSERT INTO "StripeEvent" (id, "accountId", "integrationId", "stripeEventId", type, livemode, "apiVersion",
    "stripeCreatedAt", source, status, "ignoredReason", outcome, "customerId", payload)
  SELECT $3, $4, $1, $5, $6, $7, $8, ($9::timestamptz AT TIME ZONE 'UTC'), $10::"StripeEventSource",
    $11::"StripeEventStatus", $12,
    (CASE WHEN (SELECT is_duplicate FROM duplicate) THEN 'skipped' ELSE $13 END)::"EventOutcome", $14, $15::jsonb
  FROM i
  ON CONFLICT ("integrationId", "stripeEventId") DO NOTHING
  RETURNING id
),
s AS (
  INSERT INTO "Delivery" (id, "accountId", "integrationId", "stripeEventId", kind, "dedupeKey", "orderId",
    "eventTypeId", status, "skipReason", "updatedAt")
  SELECT $28, $4, $1, e.id, 'conversion', $26, $20, $21, 'skipped', $27, (now() AT TIME ZONE 'UTC')
  FROM e WHERE (SELECT is_duplicate FROM duplicate)
  ON CONFLICT ("integrationId", "dedupeKey") DO NOTHING
  RETURNING id
)
SELECT EXISTS (SELECT 1 FROM i) AS "isIntegrationCurrent", EXISTS (SELECT 1 FROM e) AS "isStored",
  (SELECT id FROM d) AS "deliveryId", (SELECT count(*) FROM s) AS "skippedRows"`;

/**
 * Stores `event` with at most one planned delivery, in one statement. `integrationVersion` (the row's
 * `updatedAt` as text) makes it store nothing when the integration changed since it was read; null skips
 * that check (callers that read the row in the same breath, like recovery).
 */
export async function insertStripeEvent(
  event: EventRow,
  delivery: DeliveryRow | null,
  duplicateConversion: DuplicateConversionRow | null,
  integrationVersion: string | null,
): Promise<InsertedEvent> {
  const { rows } = await sqlPool().query<InsertedEvent>(INSERT_EVENT_SQL, [
    event.integrationId,
    integrationVersion,
    event.id,
    event.accountId,
    event.stripeEventId,
    event.type,
    event.livemode,
    event.apiVersion,
    event.stripeCreatedAt.toISOString(),
    event.source,
    event.status,
    event.ignoredReason,
    event.outcome,
    event.customerId,
    event.payloadJson,
    delivery !== null,
    randomUUID(),
    delivery?.kind ?? "conversion",
    delivery?.dedupeKey ?? null,
    delivery?.orderId ?? null,
    delivery?.eventTypeId ?? null,
    delivery?.subscriptionId ?? null,
    delivery?.status ?? "pending",
    delivery?.skipReason ?? null,
    delivery?.dueAt?.toISOString() ?? null,
    duplicateConversion?.dedupeKey ?? null,
    duplicateConversion?.skipReason ?? null,
    randomUUID(),
  ]);
  const [row] = rows;
  return { isIntegrationCurrent: row!.isIntegrationCurrent, isStored: row!.isStored, deliveryId: row!.deliveryId };
}
