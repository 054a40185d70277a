import type { Prisma } from "@/lib/generated/prisma/client";
import type { DeliverySummary, EventListItem } from "@/lib/views/event-view";

/** What the list reads per event: no payload (it can be a megabyte), one delivery. */
export const EVENT_ROW_SELECT = {
  id: true,
  receivedAt: true,
  stripeEventId: true,
  type: true,
  livemode: true,
  outcome: true,
  ignoredReason: true,
  customerId: true,
  account: { select: { id: true, companyName: true, impactSid: true } },
  integration: { select: { id: true, siteUrl: true, mode: true } },
  // An event plans at most one delivery (see store-stripe-event); the oldest is the one that counts.
  deliveries: {
    orderBy: { createdAt: "asc" },
    take: 1,
    select: {
      id: true,
      kind: true,
      status: true,
      orderId: true,
      skipReason: true,
      attemptCount: true,
      generation: true,
      lastStatusCode: true,
      lastError: true,
      dueAt: true,
      impactErrorType: true,
      impactErrorReason: true,
    },
  },
} satisfies Prisma.StripeEventSelect;

type EventRow = Prisma.StripeEventGetPayload<{ select: typeof EVENT_ROW_SELECT }>;

/** A database row as the JSON-safe list item the UI, the JSON route and the CSV share. */
export function toEventListItem(row: EventRow): EventListItem {
  const delivery = row.deliveries[0];
  const summary: DeliverySummary | null = delivery
    ? {
        id: delivery.id,
        kind: delivery.kind,
        status: delivery.status,
        attemptCount: delivery.attemptCount,
        generation: delivery.generation,
        lastStatusCode: delivery.lastStatusCode,
        lastError: delivery.lastError,
        dueAt: delivery.dueAt?.toISOString() ?? null,
        impactErrorType: delivery.impactErrorType,
        impactErrorReason: delivery.impactErrorReason,
      }
    : null;
  return {
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    stripeEventId: row.stripeEventId,
    type: row.type,
    livemode: row.livemode,
    account: row.account,
    integration: row.integration,
    outcome: row.outcome,
    reason: row.ignoredReason ?? delivery?.skipReason ?? null,
    orderId: delivery?.orderId ?? null,
    customerId: row.customerId,
    delivery: summary,
  };
}
