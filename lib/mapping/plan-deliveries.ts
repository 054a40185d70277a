// Decides at intake, from the verified event alone, what work it creates. No Stripe reads happen here:
// intake must answer within milliseconds, and everything needing more data (click id lookups, line
// items, the refunded conversion) is the job's business later.
import type Stripe from "stripe";
import {
  chargeRefundSchema,
  describePayloadError,
  eventEnvelopeSchema,
  expandableIdOf,
  invoicePlanSchema,
  sessionModeSchema,
  sessionPaymentSchema,
} from "@/lib/mapping/stripe-schemas";

/** The event types the webhook endpoint is registered for (SPEC §3). */
export const WEBHOOK_EVENT_TYPES = ["invoice.paid", "checkout.session.completed", "charge.refunded"] as const;

/** The integration's impact.com event type ids (digits, as strings). */
export interface IntegrationEventTypes {
  /** First subscription payment and one-time checkouts. */
  eventTypeId: string;
  /** Renewals and paid upgrades. */
  recurringEventTypeId: string;
}

export type ConversionPlan = { kind: "conversion"; orderId: string; eventTypeId: string };
export type SkippedPlan = { kind: "skipped"; reason: string; orderId?: string; eventTypeId?: string };
export type ModificationPlan = { kind: "modification"; chargeId: string; paymentIntentId: string };
export type IgnoredPlan = { kind: "ignored"; reason: string };

export type DeliveryPlan = ConversionPlan | SkippedPlan | ModificationPlan | IgnoredPlan;

/**
 * The delivery an event creates (at most one). Never throws: an unmapped type is `ignored`, a mapped
 * type with a malformed object is `skipped` with a reason naming the field. For a conversion the
 * delivery key is (integration, eventTypeId, orderId); a `modification`'s OrderId is found by the job
 * after the refund delay.
 */
export function planDeliveries(event: Stripe.Event, config: IntegrationEventTypes): DeliveryPlan {
  const envelope = eventEnvelopeSchema.safeParse(event);
  if (!envelope.success) return { kind: "ignored", reason: describePayloadError("event", envelope.error) };
  const { type, data } = envelope.data;
  // A missing data.object is reported by the object's own schema, so a mapped type is `skipped`.
  const object = data?.object;
  switch (type) {
    case "invoice.paid":
      return planInvoiceConversion(object, config);
    case "checkout.session.completed":
    // Sessions paid by a delayed method complete unpaid; if the endpoint is ever subscribed to this
    // event too, the settled payment maps exactly like a paid completion (same OrderId, so no double).
    case "checkout.session.async_payment_succeeded":
      return planCheckoutConversion(object, config);
    case "charge.refunded":
      return planRefund(object);
    default:
      return { kind: "ignored", reason: `event type ${type} is not mapped to impact.com` };
  }
}

/**
 * Conversion or skip for a paid invoice. Event type by `billing_reason`: `subscription_create` → the
 * event type; `subscription_cycle` and `subscription_update` → the recurring one; anything else
 * (`manual`, `subscription_threshold`, `quote_accept`, …) is skipped. A zero `amount_paid` (trials,
 * 100 % coupons, downgrades) is skipped. Shared with the conversion builder so both always agree.
 */
export function planInvoiceConversion(invoice: unknown, config: IntegrationEventTypes): ConversionPlan | SkippedPlan {
  const parsed = invoicePlanSchema.safeParse(invoice);
  if (!parsed.success) return { kind: "skipped", reason: describePayloadError("invoice", parsed.error) };
  const { id: orderId, billing_reason: billingReason, amount_paid: amountPaid } = parsed.data;

  let eventTypeId: string;
  switch (billingReason) {
    case "subscription_create":
      eventTypeId = config.eventTypeId;
      break;
    case "subscription_cycle":
    case "subscription_update":
      eventTypeId = config.recurringEventTypeId;
      break;
    case "manual":
      return {
        kind: "skipped",
        orderId,
        reason:
          "billing_reason manual: a one-off invoice, not a subscription payment; only subscription invoices are sent",
      };
    case null:
      return { kind: "skipped", orderId, reason: "billing_reason is null: cannot tell a first payment from a renewal" };
    default:
      return {
        kind: "skipped",
        orderId,
        reason: `billing_reason ${billingReason} is not mapped: only subscription_create, subscription_cycle and subscription_update are sent`,
      };
  }
  if (amountPaid === 0) {
    return {
      kind: "skipped",
      orderId,
      eventTypeId,
      reason: `zero amount: amount_paid is 0 (billing_reason ${billingReason}), nothing to attribute`,
    };
  }
  return { kind: "conversion", orderId, eventTypeId };
}

/**
 * Conversion or skip for a completed checkout session. Only paid `payment`-mode sessions are sent,
 * keyed by their PaymentIntent id (session ids are 66 characters, over impact's 64-character OrderId
 * limit). Subscription-mode sessions are skipped: their `invoice.paid` carries the money.
 */
export function planCheckoutConversion(session: unknown, config: IntegrationEventTypes): ConversionPlan | SkippedPlan {
  const parsed = sessionModeSchema.safeParse(session);
  if (!parsed.success) return { kind: "skipped", reason: describePayloadError("checkout session", parsed.error) };
  const { mode, payment_status: paymentStatus, amount_total: amountTotal } = parsed.data;

  if (mode === "subscription") {
    return { kind: "skipped", reason: "subscription checkout: its invoice.paid carries the money" };
  }
  if (mode === "setup") return { kind: "skipped", reason: "setup checkout: no payment was taken" };
  if (mode !== "payment") return { kind: "skipped", reason: `checkout mode ${mode} is not mapped` };

  const payment = sessionPaymentSchema.safeParse(session);
  const orderId = payment.success ? (expandableIdOf(payment.data.payment_intent) ?? undefined) : undefined;
  const eventTypeId = config.eventTypeId;

  if (paymentStatus !== "paid") {
    const why = paymentStatus === "unpaid" ? "the payment has not settled yet" : "nothing was charged";
    return { kind: "skipped", orderId, eventTypeId, reason: `payment_status ${paymentStatus}: ${why}` };
  }
  if (!payment.success) return { kind: "skipped", reason: describePayloadError("checkout session", payment.error) };
  if (!orderId) {
    return {
      kind: "skipped",
      eventTypeId,
      reason: "payment-mode session without payment_intent: no OrderId to send (the session id is too long for impact)",
    };
  }
  if (amountTotal === 0) {
    return { kind: "skipped", orderId, eventTypeId, reason: "zero amount: amount_total is 0, nothing to attribute" };
  }
  return { kind: "conversion", orderId, eventTypeId };
}

function planRefund(charge: unknown): ModificationPlan | SkippedPlan {
  const parsed = chargeRefundSchema.safeParse(charge);
  if (!parsed.success) return { kind: "skipped", reason: describePayloadError("charge", parsed.error) };
  const paymentIntentId = expandableIdOf(parsed.data.payment_intent);
  if (!paymentIntentId) {
    return {
      kind: "skipped",
      reason: "charge without payment_intent: no conversion was sent for it, so there is nothing to modify",
    };
  }
  return { kind: "modification", chargeId: parsed.data.id, paymentIntentId };
}
