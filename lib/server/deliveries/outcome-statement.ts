// recordAttemptOutcome's write as one statement (issue 13): the lease check, the attempt row, the delivery's
// new state and its event's outcome, where the interactive transaction cost BEGIN, four or five statements
// and COMMIT, each a round trip through Prisma's engine — twice per conversion (the send, then the read of
// its outcome).
//
// Why it is safe:
// - `d` updates the delivery only while `leaseToken` is still the caller's; every other part reads `d`, so a
//   lost lease writes nothing at all. The row lock `d` takes serialises this with a concurrent claim.
// - One statement is one transaction: the attempt, the delivery and the event change together or not at all,
//   as before. `closed` and `completed` never touch the same attempt row (`closed` skips the in-flight one).
// - The alerts the attempt shows resolved are cleared in the same statement: only when the attempt is recorded.
// - A field the update leaves undefined is left out of SET, as Prisma did: null clears it, undefined keeps it.
import { randomUUID } from "node:crypto";
import { UNKNOWN_OUTCOME_ERROR } from "@/lib/server/deliveries/begin-impact-attempt";
import type { AttemptRecord, OutcomeUpdate } from "@/lib/server/deliveries/outcome-update";
import type { AlertKindName } from "@/lib/views/alert-view";

/** A parameterised statement for pg: `$n` placeholders and their values. */
export type Statement = { text: string; values: unknown[] };

/** Collects values and hands back their `$n`; a Date goes as UTC text, as the columns are UTC timestamps. */
function parameters() {
  const values: unknown[] = [];
  const param = (value: unknown, cast = ""): string => {
    values.push(value instanceof Date ? value.toISOString() : value);
    const placeholder = `$${values.length}`;
    return cast === "timestamp" ? `(${placeholder}::timestamptz AT TIME ZONE 'UTC')` : `${placeholder}${cast}`;
  };
  return { values, param };
}

const NOW = `(now() AT TIME ZONE 'UTC')`;

function deliveryAssignments(
  update: OutcomeUpdate,
  attempt: AttemptRecord | undefined,
  param: ReturnType<typeof parameters>["param"],
) {
  const set: string[] = [
    `status = ${param(update.status)}::"DeliveryStatus"`,
    `"dueAt" = ${param(update.dueAt, "timestamp")}`,
    `"attemptCount" = "attemptCount" + ${update.countsAsAttempt ? 1 : 0}`,
    `"leaseToken" = NULL`,
    `"leaseUntil" = NULL`,
    `"updatedAt" = ${NOW}`,
  ];
  const assign = (column: string, value: unknown, cast = "") => {
    if (value !== undefined) set.push(`"${column}" = ${param(value, cast)}`);
  };
  if (attempt) assign("lastStatusCode", attempt.responseStatus ?? null, "::int");
  assign("lastError", update.lastError);
  assign("skipReason", update.skipReason);
  assign("queuedUri", update.queuedUri);
  assign("sentAt", update.sentAt, "timestamp");
  if (update.sentAt) set.push(`"outcomeReads" = 0`);
  else if (update.isOutcomeRead) set.push(`"outcomeReads" = "outcomeReads" + 1`);
  assign("impactErrorType", update.impactError?.type);
  assign("impactErrorReason", update.impactError?.reason);
  if (update.status === "delivered") set.push(`"deliveredAt" = ${NOW}`);
  const { facts } = update;
  assign("orderId", facts?.orderId);
  assign("eventTypeId", facts?.eventTypeId);
  assign("amount", facts?.amount);
  assign("currency", facts?.currency);
  assign("clickIdSource", facts?.clickIdSource);
  assign("subscriptionId", facts?.subscriptionId);
  assign("eventTypeRule", facts?.eventTypeRule);
  return set.join(", ");
}

/** The attempt's own row: the in-flight one beginImpactAttempt wrote is completed, otherwise one is added. */
function attemptPart(
  update: OutcomeUpdate,
  attempt: AttemptRecord | undefined,
  param: ReturnType<typeof parameters>["param"],
): string {
  if (!attempt) return "";
  const { inFlightAttemptId, ...fields } = attempt;
  const nextAttemptAt = update.status === "retrying" || update.status === "sent" ? update.dueAt : null;
  const columns = {
    startedAt: param(fields.startedAt, "timestamp"),
    durationMs: param(Math.round(fields.durationMs), "::int"),
    runner: param(fields.runner),
    requestMethod: param(fields.requestMethod),
    requestUrl: param(fields.requestUrl),
    requestBody: param(fields.requestBody),
    responseStatus: param(fields.responseStatus ?? null, "::int"),
    responseBody: param(fields.responseBody ?? null),
    error: param(fields.error ?? null),
    nextAttemptAt: param(nextAttemptAt, "timestamp"),
  };
  if (inFlightAttemptId) {
    const set = Object.entries(columns).map(([column, value]) => `"${column}" = ${value}`);
    return `, completed AS (
  UPDATE "DeliveryAttempt" a SET ${set.join(", ")}, "isInFlight" = false
  FROM d WHERE a.id = ${param(inFlightAttemptId)} AND a."deliveryId" = d.id
  RETURNING a.id
)`;
  }
  const names = Object.keys(columns).map((column) => `"${column}"`);
  return `, created AS (
  INSERT INTO "DeliveryAttempt" (id, "deliveryId", number, generation, ${names.join(", ")})
  SELECT ${param(randomUUID())}, d.id, d."attemptCount", d.generation, ${Object.values(columns).join(", ")} FROM d
  RETURNING id
)`;
}

/**
 * The statement that records `update` (and `attempt`) for the delivery whose lease `leaseToken` is, and
 * clears its integration's open alerts of `resolvedAlertKinds` (alertKindsResolvedBy). It returns one row
 * (integrationId, orderId after the update) when recorded, none when the lease was lost.
 */
export function outcomeStatement(
  deliveryId: string,
  leaseToken: string,
  update: OutcomeUpdate,
  attempt: AttemptRecord | undefined,
  resolvedAlertKinds: AlertKindName[],
): Statement {
  const { values, param } = parameters();
  // The new attemptCount is the attempt's number: the old count plus this attempt when it counts.
  const d = `d AS (
  UPDATE "Delivery" SET ${deliveryAssignments(update, attempt, param)}
  WHERE id = ${param(deliveryId)} AND "leaseToken" = ${param(leaseToken)}
  RETURNING id, "attemptCount", generation, "stripeEventId", "integrationId", "orderId"
)`;
  // In the same statement as the new state: a crash in between must not hide that a send happened.
  const closed = update.closesUnfinished
    ? `, closed AS (
  UPDATE "DeliveryAttempt" a SET "isInFlight" = false, error = ${param(UNKNOWN_OUTCOME_ERROR)}
  FROM d WHERE a."deliveryId" = d.id AND a.generation = d.generation AND a."isInFlight"
    AND a.id IS DISTINCT FROM ${param(attempt?.inFlightAttemptId ?? null)}::text
  RETURNING a.id
)`
    : "";
  const recorded = attemptPart(update, attempt, param);
  const event = `, e AS (
  UPDATE "StripeEvent" s SET outcome = ${param(update.status)}::"EventOutcome" FROM d WHERE s.id = d."stripeEventId"
  RETURNING s.id
)`;
  // Usually nothing is open: the partial unique index finds that without touching a row.
  const cleared =
    resolvedAlertKinds.length > 0
      ? `, cleared AS (
  UPDATE "Alert" al SET "clearedAt" = ${NOW}, "clearedReason" = 'resolved'
  FROM d WHERE al."integrationId" = d."integrationId" AND al.kind = ANY(${param(resolvedAlertKinds)}::"AlertKind"[])
    AND al."clearedAt" IS NULL
  RETURNING al.id
)`
      : "";
  return {
    text: `WITH ${d}${closed}${recorded}${event}${cleared}\nSELECT "integrationId", "orderId" FROM d`,
    values,
  };
}
