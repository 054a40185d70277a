// Decides at intake, from the verified event alone, what work it creates. No Stripe reads happen here:
// intake must answer within milliseconds, and everything needing more data (click id lookups, line
// items, the refunded conversion) is the job's business later.
import type Stripe from "stripe";
import {
  chargeRefundSchema,
  describePayloadError,
  disputeClosedSchema,
  eventEnvelopeSchema,
  expandableIdOf,
  invoicePlanSchema,
  sessionModeSchema,
  sessionPaymentSchema,
} from "@/lib/mapping/stripe-schemas";

/** The event types the webhook endpoint is registered for (SPEC §3). */
export const WEBHOOK_EVENT_TYPES = [
  "invoice.paid",
  "checkout.session.completed",
  "charge.refunded",
  "charge.dispute.closed",
] as const;

/** The integration's impact.com event type ids (digits, as strings). */
export interface IntegrationEventTypes {
  /** First subscription payment and one-time checkouts. */
  eventTypeId: string;
  /** Renewals and paid upgrades. */
  recurringEventTypeId: string;
}

/**
 * `eventTypeId` null: an invoice's event type (first paid or recurring) depends on the subscription's
 * history in Stripe, which the job reads (see first-paid-invoice.ts); intake must not make that call.
 */
export type ConversionPlan = {
  kind: "conversion";
  orderId: string;
  eventTypeId: string | null;
  subscriptionId?: string;
};
export type SkippedPlan = {
  kind: "skipped";
  reason: string;
  orderId?: string;
  eventTypeId?: string;
  subscriptionId?: string;
};
/** A change to an earlier conversion's action; the job re-reads the charge (and its PaymentIntent) after REFUND_DELAY. */
export type ModificationPlan = { kind: "modification"; chargeId: string; paymentIntentId?: string };
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
      return planInvoiceConversion(object);
    case "checkout.session.completed":
    // Sessions paid by a delayed method complete unpaid; if the endpoint is ever subscribed to this
    // event too, the settled payment maps exactly like a paid completion (same OrderId, so no double).
    case "checkout.session.async_payment_succeeded":
      return planCheckoutConversion(object, config);
    case "charge.refunded":
      return planRefund(object);
    case "charge.dispute.closed":
      return planDisputeClosed(object);
    default:
      return { kind: "ignored", reason: `event type ${type} is not mapped to impact.com` };
  }
}

/**
 * Conversion or skip for a paid invoice, by money (SPEC §7): an invoice of no subscription is a one-off
 * (one-time sales arrive as checkout.session.completed), nothing paid is nothing to attribute, and every
 * other invoice of a subscription — whatever its billing_reason: create, cycle, update (a prorated
 * upgrade), threshold, manual — is a conversion whose event type the job decides from the subscription's
 * paid invoices. Shared with the conversion builder so both always agree.
 */
export function planInvoiceConversion(invoice: unknown): ConversionPlan | SkippedPlan {
  const parsed = invoicePlanSchema.safeParse(invoice);
  if (!parsed.success) return { kind: "skipped", reason: describePayloadError("invoice", parsed.error) };
  const { id: orderId, billing_reason: billingReason, amount_paid: amountPaid } = parsed.data;
  const subscriptionId = expandableIdOf(parsed.data.parent?.subscription_details?.subscription) ?? undefined;
  if (!subscriptionId) {
    return {
      kind: "skipped",
      orderId,
      reason: `one-off invoice (billing_reason ${billingReason ?? "none"}, no subscription): only subscription invoices are sent; one-time sales arrive as checkout.session.completed`,
    };
  }
  if (amountPaid === 0) {
    return {
      kind: "skipped",
      orderId,
      subscriptionId,
      reason: `nothing paid: amount_paid is 0 (billing_reason ${billingReason ?? "none"}, e.g. a trial), nothing to attribute`,
    };
  }
  return { kind: "conversion", orderId, eventTypeId: null, subscriptionId };
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

/** A lost chargeback takes the money back like a refund; won (or warning_closed) ones change nothing. */
function planDisputeClosed(dispute: unknown): ModificationPlan | SkippedPlan {
  const parsed = disputeClosedSchema.safeParse(dispute);
  if (!parsed.success) return { kind: "skipped", reason: describePayloadError("dispute", parsed.error) };
  const { status } = parsed.data;
  if (status === "won" || status === "warning_closed") {
    return { kind: "skipped", reason: `dispute won (status ${status}): the money stayed, nothing to change` };
  }
  if (status !== "lost") return { kind: "skipped", reason: `dispute closed with status ${status}: nothing to change` };
  const chargeId = expandableIdOf(parsed.data.charge)!;
  const paymentIntentId = expandableIdOf(parsed.data.payment_intent) ?? undefined;
  return { kind: "modification", chargeId, ...(paymentIntentId ? { paymentIntentId } : {}) };
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
