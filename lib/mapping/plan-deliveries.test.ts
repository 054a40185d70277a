import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { planDeliveries } from "@/lib/mapping/plan-deliveries";
import { CHECKOUT_SESSION_COMPLETED_EVENT } from "@/testing/stripe/fixtures/checkout-session-completed-event";
import {
  FIXTURE_INTEGRATION,
  fixtureCharge,
  fixtureChargeRefundedEvent,
  fixtureCheckoutEvent,
  fixtureInvoice,
  fixtureInvoicePaidEvent,
  fixturePaymentSession,
  fixtureRawEvent,
  fixtureSubscriptionSession,
} from "@/testing/stripe/fixtures/fixture-builders";
import { INVOICE_PAID_EVENT } from "@/testing/stripe/fixtures/invoice-paid-event";

const config = {
  eventTypeId: FIXTURE_INTEGRATION.eventTypeId,
  recurringEventTypeId: FIXTURE_INTEGRATION.recurringEventTypeId,
};
const invoiceEvent = (overrides: Partial<Stripe.Invoice>) => fixtureInvoicePaidEvent(fixtureInvoice(overrides));

describe("planDeliveries — invoice.paid", () => {
  it("plans the fixture's first subscription invoice with the event type id", () => {
    expect(planDeliveries(INVOICE_PAID_EVENT, config)).toEqual({
      kind: "conversion",
      orderId: "in_1RxHxSGaouLfVOpUyWFwGR1y",
      eventTypeId: "27001",
    });
  });

  it("sends renewals with the recurring event type id", () => {
    expect(planDeliveries(invoiceEvent({ billing_reason: "subscription_cycle" }), config)).toMatchObject({
      kind: "conversion",
      eventTypeId: "27002",
    });
  });

  it("sends a paid subscription_update (upgrade/proration) with the recurring event type id", () => {
    expect(planDeliveries(invoiceEvent({ billing_reason: "subscription_update", amount_paid: 833 }), config)).toEqual({
      kind: "conversion",
      orderId: "in_1RxHxSGaouLfVOpUyWFwGR1y",
      eventTypeId: "27002",
    });
  });

  it.each(["subscription_create", "subscription_cycle", "subscription_update"])(
    "skips a zero-amount %s invoice, keeping its key",
    (billingReason) => {
      const plan = planDeliveries(invoiceEvent({ billing_reason: billingReason, amount_paid: 0 }), config);
      expect(plan).toMatchObject({ kind: "skipped", orderId: "in_1RxHxSGaouLfVOpUyWFwGR1y" });
      expect(plan.kind === "skipped" && plan.reason).toMatch(/^zero amount/);
      expect(plan.kind === "skipped" && plan.reason).toContain(billingReason);
    },
  );

  it("skips a manual invoice, naming the billing_reason", () => {
    const plan = planDeliveries(invoiceEvent({ billing_reason: "manual" }), config);
    expect(plan).toMatchObject({ kind: "skipped", orderId: "in_1RxHxSGaouLfVOpUyWFwGR1y" });
    expect(plan).not.toHaveProperty("eventTypeId");
    expect(plan.kind === "skipped" && plan.reason).toContain("billing_reason manual");
  });

  it.each([
    "subscription_threshold",
    "subscription",
    "quote_accept",
    "automatic_pending_invoice_item_invoice",
    "upcoming",
    "some_future_reason",
  ])("skips billing_reason %s with a reason naming it", (billingReason) => {
    const plan = planDeliveries(invoiceEvent({ billing_reason: billingReason }), config);
    expect(plan.kind).toBe("skipped");
    expect(plan.kind === "skipped" && plan.reason).toContain(`billing_reason ${billingReason}`);
  });

  it("skips a null billing_reason", () => {
    const plan = planDeliveries(invoiceEvent({ billing_reason: null }), config);
    expect(plan.kind === "skipped" && plan.reason).toMatch(/billing_reason is null/);
  });

  it.each([
    ["amount_paid", { amount_paid: "19200" }, /amount_paid: .*expected number/],
    ["amount_paid", { amount_paid: 19.5 }, /amount_paid: .*int/],
    ["amount_paid", { amount_paid: -1 }, /amount_paid/],
    ["id", { id: undefined }, /id: .*expected string/],
    ["currency", { currency: "dollars" }, /currency: expected a three-letter ISO currency code/],
    ["object", { object: "charge" }, /object: .*"invoice"/],
  ])("skips a malformed invoice naming %s", (_field, overrides, reason) => {
    const invoice = { ...fixtureInvoice(), ...overrides };
    const plan = planDeliveries(fixtureRawEvent("invoice.paid", invoice), config);
    expect(plan.kind).toBe("skipped");
    expect(plan.kind === "skipped" && plan.reason).toMatch(/^malformed invoice: /);
    expect(plan.kind === "skipped" && plan.reason).toMatch(reason);
  });

  it("skips an invoice.paid event whose data.object is missing or not an object", () => {
    expect(planDeliveries(fixtureRawEvent("invoice.paid", "in_123"), config)).toEqual({
      kind: "skipped",
      reason: expect.stringMatching(/^malformed invoice: \(root\): .*expected object, received string/),
    });
    const noData = { ...fixtureInvoicePaidEvent(), data: undefined } as unknown as Stripe.Event;
    expect(planDeliveries(noData, config)).toEqual({
      kind: "skipped",
      reason: expect.stringMatching(/^malformed invoice: \(root\): .*received undefined/),
    });
  });
});

describe("planDeliveries — checkout.session.completed", () => {
  it("plans a paid payment-mode session keyed by its PaymentIntent id", () => {
    expect(planDeliveries(fixtureCheckoutEvent(fixturePaymentSession()), config)).toEqual({
      kind: "conversion",
      orderId: "pi_3PayTestGaouLfVOpU1a2b3c4d",
      eventTypeId: "27001",
    });
  });

  it("accepts an expanded payment_intent object", () => {
    const session = fixturePaymentSession({ payment_intent: { id: "pi_expanded" } as Stripe.PaymentIntent });
    expect(planDeliveries(fixtureCheckoutEvent(session), config)).toMatchObject({
      kind: "conversion",
      orderId: "pi_expanded",
    });
  });

  it("skips the fixture's subscription-mode session: its invoice.paid carries the money", () => {
    expect(planDeliveries(CHECKOUT_SESSION_COMPLETED_EVENT, config)).toEqual({
      kind: "skipped",
      reason: "subscription checkout: its invoice.paid carries the money",
    });
  });

  it("skips setup-mode sessions", () => {
    const plan = planDeliveries(
      fixtureCheckoutEvent(fixtureSubscriptionSession({ mode: "setup", payment_status: "no_payment_required" })),
      config,
    );
    expect(plan).toEqual({ kind: "skipped", reason: "setup checkout: no payment was taken" });
  });

  it("skips unpaid and no-payment-required sessions, keeping the key", () => {
    const unpaid = planDeliveries(fixtureCheckoutEvent(fixturePaymentSession({ payment_status: "unpaid" })), config);
    expect(unpaid).toEqual({
      kind: "skipped",
      orderId: "pi_3PayTestGaouLfVOpU1a2b3c4d",
      eventTypeId: "27001",
      reason: "payment_status unpaid: the payment has not settled yet",
    });
    const free = planDeliveries(
      fixtureCheckoutEvent(fixturePaymentSession({ payment_status: "no_payment_required" })),
      config,
    );
    expect(free.kind === "skipped" && free.reason).toBe("payment_status no_payment_required: nothing was charged");
  });

  it("skips a paid payment-mode session without payment_intent, saying why", () => {
    const plan = planDeliveries(fixtureCheckoutEvent(fixturePaymentSession({ payment_intent: null })), config);
    expect(plan.kind).toBe("skipped");
    expect(plan.kind === "skipped" && plan.reason).toMatch(/without payment_intent/);
  });

  it("skips a zero-total paid session", () => {
    const plan = planDeliveries(fixtureCheckoutEvent(fixturePaymentSession({ amount_total: 0 })), config);
    expect(plan.kind === "skipped" && plan.reason).toMatch(/^zero amount/);
  });

  it("maps checkout.session.async_payment_succeeded like a paid completion", () => {
    const event = fixtureRawEvent("checkout.session.async_payment_succeeded", fixturePaymentSession());
    expect(planDeliveries(event, config)).toMatchObject({
      kind: "conversion",
      orderId: "pi_3PayTestGaouLfVOpU1a2b3c4d",
    });
  });

  it.each([
    ["mode", { mode: 3 }, /mode: .*expected string/],
    ["payment_intent", { payment_intent: 42 }, /payment_intent: expected an id string/],
    ["currency", { currency: null }, /currency: .*expected string/],
    ["object", { object: "invoice" }, /object: .*"checkout.session"/],
  ])("skips a malformed session naming %s", (_field, overrides, reason) => {
    const plan = planDeliveries(
      fixtureRawEvent("checkout.session.completed", { ...fixturePaymentSession(), ...overrides }),
      config,
    );
    expect(plan.kind).toBe("skipped");
    expect(plan.kind === "skipped" && plan.reason).toMatch(/^malformed checkout session: /);
    expect(plan.kind === "skipped" && plan.reason).toMatch(reason);
  });
});

describe("planDeliveries — charge.refunded", () => {
  it("plans a modification with the charge and its PaymentIntent", () => {
    expect(planDeliveries(fixtureChargeRefundedEvent(fixtureCharge()), config)).toEqual({
      kind: "modification",
      chargeId: "ch_1PgafuB7WZ01zgkWXYmPNZs8",
      paymentIntentId: "pi_3RxHxtGaouLfVOpU0wWwCk6Z",
    });
  });

  it("skips a charge without payment_intent", () => {
    const plan = planDeliveries(fixtureChargeRefundedEvent(fixtureCharge({ payment_intent: null })), config);
    expect(plan.kind === "skipped" && plan.reason).toMatch(/without payment_intent/);
  });

  it("skips a malformed charge naming the field", () => {
    const plan = planDeliveries(fixtureRawEvent("charge.refunded", { ...fixtureCharge(), id: 7 }), config);
    expect(plan.kind === "skipped" && plan.reason).toMatch(/^malformed charge: id: /);
  });
});

describe("planDeliveries — other events", () => {
  it.each(["invoice.payment_succeeded", "customer.created", "charge.succeeded", "checkout.session.expired"])(
    "ignores %s",
    (type) => {
      expect(planDeliveries(fixtureRawEvent(type, {}), config)).toEqual({
        kind: "ignored",
        reason: `event type ${type} is not mapped to impact.com`,
      });
    },
  );

  it("ignores a malformed envelope, naming the field", () => {
    const event = { ...fixtureInvoicePaidEvent(), type: undefined } as unknown as Stripe.Event;
    expect(planDeliveries(event, config)).toEqual({
      kind: "ignored",
      reason: expect.stringMatching(/^malformed event: type: /),
    });
    expect(planDeliveries(null as unknown as Stripe.Event, config).kind).toBe("ignored");
  });
});
