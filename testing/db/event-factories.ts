// Stored events and deliveries in any state, for tests of the delivery log (list, detail, replay,
// export) that need exact times and outcomes rather than a trip through intake and the runner.

import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import type { DeliveryStatusName, EventOutcomeName } from "@/lib/views/event-view";
import { DEFAULT_INTEGRATION } from "@/testing/db/default-integration";

const unique = () => randomBytes(6).toString("hex");

export type TestEventOptions = {
  receivedAt?: Date;
  type?: string;
  outcome?: EventOutcomeName;
  stripeEventId?: string;
  customerId?: string | null;
  orderId?: string | null;
  reason?: string;
  attemptCount?: number;
  generation?: number;
  lastStatusCode?: number | null;
  lastError?: string | null;
  leaseUntil?: Date | null;
};

/** One StripeEvent and, unless ignored, its delivery in the matching status. */
export async function createTestEvent(integration: { id: string; accountId: string }, options: TestEventOptions = {}) {
  const outcome = options.outcome ?? "delivered";
  const stripeEventId = options.stripeEventId ?? `evt_${unique()}${unique()}`;
  const orderId = options.orderId === undefined ? `in_${unique()}` : options.orderId;
  const event = await prisma.stripeEvent.create({
    data: {
      accountId: integration.accountId,
      integrationId: integration.id,
      stripeEventId,
      type: options.type ?? "invoice.paid",
      livemode: false,
      stripeCreatedAt: new Date((options.receivedAt ?? new Date()).getTime() - 1000),
      receivedAt: options.receivedAt,
      status: outcome === "ignored" ? "ignored" : "accepted",
      ignoredReason: outcome === "ignored" ? (options.reason ?? "event type not mapped") : null,
      outcome,
      customerId: options.customerId === undefined ? `cus_${unique()}` : options.customerId,
      payload: {
        id: stripeEventId,
        object: "event",
        type: options.type ?? "invoice.paid",
        data: { object: { id: orderId } },
      },
    },
  });
  if (outcome === "ignored") return { event, delivery: null };
  const status: DeliveryStatusName = outcome;
  const delivery = await prisma.delivery.create({
    data: {
      accountId: integration.accountId,
      integrationId: integration.id,
      stripeEventId: event.id,
      kind: "conversion",
      dedupeKey: `conversion:${DEFAULT_INTEGRATION.eventTypeId}:${orderId ?? unique()}:${unique()}`,
      orderId,
      eventTypeId: DEFAULT_INTEGRATION.eventTypeId,
      status,
      skipReason: outcome === "skipped" ? (options.reason ?? "manual invoice") : null,
      dueAt: status === "pending" || status === "retrying" ? new Date() : null,
      attemptCount: options.attemptCount ?? (status === "pending" || status === "skipped" ? 0 : 1),
      generation: options.generation ?? 0,
      lastStatusCode: options.lastStatusCode ?? (status === "delivered" ? 200 : status === "exhausted" ? 400 : null),
      lastError: options.lastError ?? (status === "exhausted" ? "impact.com rejected the request (400)" : null),
      leaseUntil: options.leaseUntil ?? null,
      leaseToken: options.leaseUntil ? unique() : null,
      deliveredAt: status === "delivered" ? new Date() : null,
    },
  });
  return { event, delivery };
}
