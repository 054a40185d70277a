import { csvRow } from "@/lib/events/csv";
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
 * The filtered log as CSV, streamed: each pull reads the next keyset page (same query, same scope
 * as the list), so a million rows never sit in memory and the download starts at once. A reader
 * that stops early (the browser cancels) stops the queries too.
 */
export function exportEventsCsv(
  scope: EventScope,
  filters: EventFilters,
  { batchSize = EXPORT_BATCH_SIZE } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let isHeaderSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!isHeaderSent) {
        isHeaderSent = true;
        controller.enqueue(encoder.encode(csvRow(HEADER)));
        return;
      }
      const page = await findEvents(scope, { ...filters, cursor: cursor ?? undefined }, { limit: batchSize });
      if (page.items.length > 0)
        controller.enqueue(encoder.encode(page.items.map((item) => csvRow(recordOf(item))).join("")));
      cursor = page.nextCursor;
      if (!cursor) controller.close();
    },
  });
}
