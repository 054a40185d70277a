// Small builders over the typed fixtures: each returns a fresh deep copy, so tests may mutate freely.
import type Stripe from "stripe";
import { CHARGE } from "@/lib/mapping/__fixtures__/charge";
import { CHECKOUT_SESSION_COMPLETED_EVENT } from "@/lib/mapping/__fixtures__/checkout-session-completed-event";
import { DISCOUNT } from "@/lib/mapping/__fixtures__/discount";
import { INVOICE_PAID_EVENT } from "@/lib/mapping/__fixtures__/invoice-paid-event";
import { LINE_ITEM } from "@/lib/mapping/__fixtures__/line-item";

export const INTEGRATION = { programId: "12345", eventTypeId: "27001", recurringEventTypeId: "27002" } as const;

/** The fixture's first-subscription invoice (USD 192.00, paid_at 1755480861) with overrides. */
export function buildInvoice(overrides: Partial<Stripe.Invoice> = {}): Stripe.Invoice {
  return { ...structuredClone(INVOICE_PAID_EVENT.data.object), ...overrides };
}

export function buildInvoicePaidEvent(invoice: Stripe.Invoice = buildInvoice()): Stripe.InvoicePaidEvent {
  return { ...structuredClone(INVOICE_PAID_EVENT), data: { object: invoice } };
}

/** Sets `metadata` on the invoice's lines, adding copies of the first line when more are given. */
export function withLineMetadata(invoice: Stripe.Invoice, metadata: Stripe.Metadata[]): Stripe.Invoice {
  const [first] = invoice.lines.data;
  if (!first) throw new Error("fixture invoice has no line");
  invoice.lines.data = metadata.map((entry, index) => ({ ...structuredClone(first), id: `il_test_${index}`, metadata: entry }));
  return invoice;
}

/** Sets `parent.subscription_details.metadata`. */
export function withSubscriptionMetadata(invoice: Stripe.Invoice, metadata: Stripe.Metadata | null): Stripe.Invoice {
  const details = invoice.parent?.subscription_details;
  if (!details) throw new Error("fixture invoice has no subscription_details");
  details.metadata = metadata;
  return invoice;
}

/** The fixture's subscription-mode session with overrides. */
export function buildSubscriptionSession(overrides: Partial<Stripe.Checkout.Session> = {}): Stripe.Checkout.Session {
  return { ...structuredClone(CHECKOUT_SESSION_COMPLETED_EVENT.data.object), ...overrides };
}

/** A paid one-time (payment-mode) session derived from the fixture: USD 49.00, PaymentIntent pi_3Pay…. */
export function buildPaymentSession(overrides: Partial<Stripe.Checkout.Session> = {}): Stripe.Checkout.Session {
  return buildSubscriptionSession({
    mode: "payment",
    payment_intent: "pi_3PayTestGaouLfVOpU1a2b3c4d",
    subscription: null,
    invoice: null,
    amount_subtotal: 4900,
    amount_total: 4900,
    metadata: { order_id: "order_42" },
    ...overrides,
  });
}

export function buildCheckoutEvent(session: Stripe.Checkout.Session): Stripe.CheckoutSessionCompletedEvent {
  return { ...structuredClone(CHECKOUT_SESSION_COMPLETED_EVENT), data: { object: session } };
}

/** A captured USD 1.00 charge on PaymentIntent pi_3RxHxt… with overrides. */
export function buildCharge(overrides: Partial<Stripe.Charge> = {}): Stripe.Charge {
  return { ...structuredClone(CHARGE), ...overrides };
}

export function buildChargeRefundedEvent(charge: Stripe.Charge): Stripe.ChargeRefundedEvent {
  const base = buildInvoicePaidEvent();
  return { ...base, id: "evt_refund_test", type: "charge.refunded", data: { object: charge } };
}

export function buildDiscount(overrides: Partial<Stripe.Discount> = {}): Stripe.Discount {
  return { ...structuredClone(DISCOUNT), ...overrides };
}

export function buildLineItem(overrides: Partial<Stripe.LineItem> = {}): Stripe.LineItem {
  return { ...structuredClone(LINE_ITEM), ...overrides };
}

/** An event of any type carrying any object, for unmapped-type and malformed-payload tests. */
export function buildRawEvent(type: string, object: unknown): Stripe.Event {
  return { ...buildInvoicePaidEvent(), type, data: { object } } as unknown as Stripe.Event;
}
