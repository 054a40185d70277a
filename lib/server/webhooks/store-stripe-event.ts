import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { getEnv } from "@/lib/env";
import type { EnqueuedDelivery } from "@/lib/jobs/job-runner";
import { type DeliveryPlan, planDeliveries } from "@/lib/mapping/plan-deliveries";
import { getMetrics } from "@/lib/server/operations/metrics";
import {
  type DeliveryRow,
  type DuplicateConversionRow,
  insertStripeEvent,
} from "@/lib/server/webhooks/insert-stripe-event";
import { toJsonbText, toStorableText } from "@/lib/server/webhooks/to-jsonb-text";

export type IntakeIntegration = {
  id: string;
  accountId: string;
  eventTypeId: string;
  recurringEventTypeId: string;
  isEnabled: boolean;
};

/** A stored delivery as intake hands it to the runner (a first hand-off: generation 0). */
export type PlannedDelivery = Omit<EnqueuedDelivery, "generation">;
export type StoredEvent = { isDuplicate: boolean; deliveries: PlannedDelivery[] };

function customerIdOf(object: Record<string, unknown>): string | null {
  const customer = object.customer;
  const id = customer && typeof customer === "object" ? (customer as { id?: unknown }).id : customer;
  return typeof id === "string" ? toStorableText(id).slice(0, 255) : null;
}

function deliveryRowOf(plan: DeliveryPlan, event: Stripe.Event): DeliveryRow | null {
  switch (plan.kind) {
    case "conversion":
      // The key that makes a conversion unique: never two for one order and event type. An invoice's
      // event type is decided by the job (first paid or recurring), but an invoice is one or the other,
      // never both: its key is the invoice itself.
      return {
        kind: "conversion",
        dedupeKey: `conversion:${plan.eventTypeId ?? "invoice"}:${plan.orderId}`,
        orderId: plan.orderId,
        eventTypeId: plan.eventTypeId,
        subscriptionId: plan.subscriptionId,
        status: "pending",
        dueAt: new Date(),
      };
    case "modification":
      return {
        kind: "modification",
        dedupeKey: `modification:${event.id}`,
        status: "pending",
        dueAt: new Date(Date.now() + getEnv().REFUND_DELAY_MS),
      };
    case "skipped":
      return {
        kind: event.type.startsWith("charge.") ? "modification" : "conversion",
        dedupeKey: `skipped:${event.id}`,
        orderId: plan.orderId,
        eventTypeId: plan.eventTypeId,
        subscriptionId: plan.subscriptionId,
        status: "skipped",
        skipReason: plan.reason,
        dueAt: null,
      };
    case "ignored":
      return null;
  }
}

/** Kept instead when another event already planned the same conversion: this event is visibly skipped. */
function duplicateConversionOf(plan: DeliveryPlan, event: Stripe.Event): DuplicateConversionRow | null {
  if (plan.kind !== "conversion") return null;
  return {
    dedupeKey: `skipped:${event.id}`,
    skipReason: `duplicate: a conversion for order ${plan.orderId} (event type ${plan.eventTypeId}) was already planned by an earlier event`,
  };
}

/** Every text a row takes from the payload (order ids, reasons quoting a field) made storable. */
function storable<T extends Record<string, unknown>>(row: T): T {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, typeof value === "string" ? toStorableText(value) : value]),
  ) as T;
}

function outcomeOf(plan: DeliveryPlan): "ignored" | "skipped" | "pending" {
  if (plan.kind === "ignored" || plan.kind === "skipped") return plan.kind;
  return "pending";
}

/** Thrown when the integration changed (or went) since the caller read it: nothing was stored. */
export class StaleIntegrationError extends Error {
  constructor(integrationId: string) {
    super(`integration ${integrationId} changed while the event was being stored`);
  }
}

/**
 * Stores a verified event and its planned delivery in one statement (insert-stripe-event.ts). Idempotent:
 * the same Stripe event id for the same integration (a Stripe retry, ten concurrent copies, a recovery run)
 * changes nothing and reports `isDuplicate`. Used by the webhook route and missed-event recovery. With
 * `integration.version`, throws StaleIntegrationError, storing nothing, when the row has changed since.
 */
export async function storeStripeEvent(
  integration: IntakeIntegration & { version?: string },
  event: Stripe.Event,
  source: "webhook" | "recovery",
): Promise<StoredEvent> {
  const plan: DeliveryPlan = integration.isEnabled
    ? planDeliveries(event, integration)
    : { kind: "ignored", reason: "the integration was disabled when this event arrived" };
  const object = event.data.object as unknown as Record<string, unknown>;
  const delivery = deliveryRowOf(plan, event);
  const duplicateConversion = duplicateConversionOf(plan, event);
  const inserted = await insertStripeEvent(
    {
      id: randomUUID(),
      accountId: integration.accountId,
      integrationId: integration.id,
      stripeEventId: event.id,
      type: event.type,
      livemode: event.livemode,
      apiVersion: event.api_version ?? null,
      stripeCreatedAt: new Date(event.created * 1000),
      source,
      status: plan.kind === "ignored" ? "ignored" : "accepted",
      ignoredReason: plan.kind === "ignored" ? toStorableText(plan.reason) : null,
      outcome: outcomeOf(plan),
      customerId: customerIdOf(object),
      payloadJson: toJsonbText(event),
    },
    delivery && storable(delivery),
    duplicateConversion && storable(duplicateConversion),
    integration.version ?? null,
  );
  if (!inserted.isIntegrationCurrent) throw new StaleIntegrationError(integration.id);
  const stored: StoredEvent = {
    isDuplicate: !inserted.isStored,
    deliveries:
      inserted.deliveryId && delivery?.status === "pending" && delivery.dueAt
        ? [{ id: inserted.deliveryId, kind: delivery.kind, dueAt: delivery.dueAt }]
        : [],
  };
  const outcome = stored.isDuplicate ? "duplicate" : plan.kind === "ignored" ? "ignored" : "accepted";
  getMetrics().webhooksReceived.inc({ source, type: event.type, outcome });
  return stored;
}
