import { streamCsvPages } from "@/lib/events/csv-stream";
import type { EventFilters } from "@/lib/schemas/events";
import type { EventScope } from "@/lib/server/events/event-scope";
import { findEvents } from "@/lib/server/events/find-events";
import { type EventListItem, OUTCOME_LABELS } from "@/lib/views/event-view";

export const EXPORT_BATCH_SIZE = 500;

const HEADER = [
  "received_at",
  "account",
  "account_sid",
  "integration_id",
  "site_url",
  "mode",
  "stripe_event_id",
  "type",
  "order_id",
  "customer_id",
  "status",
  "status_label",
  "reason",
  "attempts",
  "last_status_code",
  "last_error",
  "impact_error_type",
  "impact_error_reason",
  "delivery_id",
  "event_id",
];

function recordOf(item: EventListItem): Array<string | number | null> {
  return [
    item.receivedAt,
    item.account.companyName,
    item.account.impactSid,
    item.integration.id,
    item.integration.siteUrl,
    item.integration.mode,
    item.stripeEventId,
    item.type,
    item.orderId,
    item.customerId,
    item.outcome,
    OUTCOME_LABELS[item.outcome],
    item.reason,
    item.delivery?.attemptCount ?? null,
    item.delivery?.lastStatusCode ?? null,
    item.delivery?.lastError ?? null,
    item.delivery?.impactErrorType ?? null,
    item.delivery?.impactErrorReason ?? null,
    item.delivery?.id ?? null,
    item.id,
  ];
}

/**
 * The filtered log as CSV, streamed one keyset page at a time (same query, same scope as the list).
 */
export function exportEventsCsv(
  scope: EventScope,
  filters: EventFilters,
  { batchSize = EXPORT_BATCH_SIZE } = {},
): ReadableStream<Uint8Array> {
  return streamCsvPages(
    HEADER,
    (cursor) => findEvents(scope, { ...filters, cursor: cursor ?? undefined }, { limit: batchSize }),
    recordOf,
  );
}
