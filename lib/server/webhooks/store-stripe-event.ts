import type Stripe from "stripe";
import { prisma, type TransactionClient } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EnqueuedDelivery } from "@/lib/jobs/job-runner";
import { type DeliveryPlan, planDeliveries } from "@/lib/mapping/plan-deliveries";
import { getMetrics } from "@/lib/server/operations/metrics";
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

function deliveryRows(
  plan: DeliveryPlan,
  event: Stripe.Event,
  base: { accountId: string; integrationId: string; stripeEventId: string },
) {
  const now = Date.now();
  switch (plan.kind) {
    case "conversion":
      // The key that makes a conversion unique: never two for one order and event type. An invoice's
      // event type is decided by the job (first paid or recurring), but an invoice is one or the other,
      // never both: its key is the invoice itself.
      return [
        {
          ...base,
          kind: "conversion" as const,
          dedupeKey: `conversion:${plan.eventTypeId ?? "invoice"}:${plan.orderId}`,
          orderId: plan.orderId,
          eventTypeId: plan.eventTypeId,
          subscriptionId: plan.subscriptionId,
          status: "pending" as const,
          dueAt: new Date(now),
        },
      ];
    case "modification":
      return [
        {
          ...base,
          kind: "modification" as const,
          dedupeKey: `modification:${event.id}`,
          status: "pending" as const,
          dueAt: new Date(now + getEnv().REFUND_DELAY_MS),
        },
      ];
    case "skipped":
      return [
        {
          ...base,
          kind: event.type.startsWith("charge.") ? ("modification" as const) : ("conversion" as const),
          dedupeKey: `skipped:${event.id}`,
          orderId: plan.orderId,
          eventTypeId: plan.eventTypeId,
          subscriptionId: plan.subscriptionId,
          status: "skipped" as const,
          skipReason: plan.reason,
          dueAt: null,
        },
      ];
    case "ignored":
      return [];
  }
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

/**
 * Stores a verified event and its planned deliveries in one transaction. Idempotent: the same
 * Stripe event id for the same integration (a Stripe retry, ten concurrent copies, a recovery run)
 * changes nothing and reports `isDuplicate`. Used by the webhook route and missed-event recovery.
 */
export async function storeStripeEvent(
  integration: IntakeIntegration,
  event: Stripe.Event,
  source: "webhook" | "recovery",
): Promise<StoredEvent> {
  const plan: DeliveryPlan = integration.isEnabled
    ? planDeliveries(event, integration)
    : { kind: "ignored", reason: "the integration was disabled when this event arrived" };
  const object = event.data.object as unknown as Record<string, unknown>;

  const stored = await prisma.$transaction(async (tx: TransactionClient): Promise<StoredEvent> => {
    // ON CONFLICT DO NOTHING rather than catching a unique violation: a concurrent duplicate waits
    // for the first transaction, then inserts nothing, and this transaction stays usable.
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "StripeEvent" (id, "accountId", "integrationId", "stripeEventId", type, livemode, "apiVersion",
        "stripeCreatedAt", source, status, "ignoredReason", outcome, "customerId", payload)
      VALUES (gen_random_uuid()::text, ${integration.accountId}, ${integration.id}, ${event.id}, ${event.type}, ${event.livemode},
        ${event.api_version ?? null}, ${new Date(event.created * 1000)}, ${source}::"StripeEventSource",
        ${plan.kind === "ignored" ? "ignored" : "accepted"}::"StripeEventStatus", ${plan.kind === "ignored" ? toStorableText(plan.reason) : null},
        ${outcomeOf(plan)}::"EventOutcome", ${customerIdOf(object)}, ${toJsonbText(event)}::jsonb)
      ON CONFLICT ("integrationId", "stripeEventId") DO NOTHING
      RETURNING id`;
    const eventRowId = inserted[0]?.id;
    if (!eventRowId) return { isDuplicate: true, deliveries: [] };

    const base = { accountId: integration.accountId, integrationId: integration.id, stripeEventId: eventRowId };
    const rows = deliveryRows(plan, event, base).map(storable);
    if (rows.length === 0) return { isDuplicate: false, deliveries: [] };
    const created = await tx.delivery.createManyAndReturn({
      data: rows as Prisma.DeliveryCreateManyInput[],
      skipDuplicates: true, // the same conversion planned by another event id stays one delivery
      select: { id: true, kind: true, status: true, dueAt: true },
    });
    if (created.length === 0 && plan.kind === "conversion") {
      // Another event already planned this conversion: this event is kept, visibly skipped, and sends nothing.
      await tx.delivery.create({
        data: storable({
          ...base,
          kind: "conversion",
          dedupeKey: `skipped:${event.id}`,
          orderId: plan.orderId,
          eventTypeId: plan.eventTypeId,
          status: "skipped",
          skipReason: `duplicate: a conversion for order ${plan.orderId} (event type ${plan.eventTypeId}) was already planned by an earlier event`,
        }),
      });
      await tx.stripeEvent.update({ where: { id: eventRowId }, data: { outcome: "skipped" } });
    }
    const deliveries = created
      .filter((row) => row.status === "pending" && row.dueAt)
      .map((row) => ({ id: row.id, kind: row.kind, dueAt: row.dueAt! }));
    return { isDuplicate: false, deliveries };
  });
  const outcome = stored.isDuplicate ? "duplicate" : plan.kind === "ignored" ? "ignored" : "accepted";
  getMetrics().webhooksReceived.inc({ source, type: event.type, outcome });
  return stored;
}
