import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { planDeliveries, WEBHOOK_EVENT_TYPES } from "@/lib/mapping/plan-deliveries";
import { buildCharge, buildDispute, buildEvent, buildPaidInvoice } from "@/testing/stripe/builders";
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
const SUBSCRIPTION_ID = "sub_1RxHxrGaouLfVOpUpfTWqbjM";
const invoiceEvent = (overrides: Partial<Stripe.Invoice>) => fixtureInvoicePaidEvent(fixtureInvoice(overrides));

describe("planDeliveries — invoice.paid", () => {
  it("plans the fixture's subscription invoice as a conversion whose event type the job decides", () => {
    expect(planDeliveries(INVOICE_PAID_EVENT, config)).toEqual({
      kind: "conversion",
      orderId: "in_1RxHxSGaouLfVOpUyWFwGR1y",
      eventTypeId: null,
      subscriptionId: SUBSCRIPTION_ID,
    });
  });

  // Money decides, not billing_reason (SPEC §7): every paid invoice of a subscription is a conversion,
  // first or recurring by the subscription's paid invoices (first-paid-invoice.ts).
  it.each([
    ["subscription_create", 19200],
    ["subscription_cycle", 19200],
    ["subscription_update", 833],
    ["subscription_threshold", 19200],
    ["manual", 19200],
    ["subscription", 19200],
    ["quote_accept", 19200],
    ["automatic_pending_invoice_item_invoice", 19200],
    ["upcoming", 19200],
    ["some_future_reason", 19200],
    [null, 19200],
  ] as const)(
    "plans a paid %s invoice of a subscription as a conversion, leaving the event type open",
    (billingReason, amountPaid) => {
      expect(planDeliveries(invoiceEvent({ billing_reason: billingReason, amount_paid: amountPaid }), config)).toEqual({
        kind: "conversion",
        orderId: "in_1RxHxSGaouLfVOpUyWFwGR1y",
        eventTypeId: null,
        subscriptionId: SUBSCRIPTION_ID,
      });
    },
  );

  it("reads an expanded subscription's id", () => {
    const invoice = fixtureInvoice();
    const details = invoice.parent?.subscription_details;
    if (!details) throw new Error("fixture invoice has no subscription_details");
    details.subscription = { id: "sub_expanded" } as Stripe.Subscription;
    expect(planDeliveries(fixtureInvoicePaidEvent(invoice), config)).toMatchObject({
      kind: "conversion",
      subscriptionId: "sub_expanded",
    });
  });

  it.each(["subscription_create", "subscription_cycle", "subscription_update", "subscription_threshold", "manual"])(
    "skips a $0 %s invoice as nothing paid, keeping its key and subscription",
    (billingReason) => {
      const plan = planDeliveries(invoiceEvent({ billing_reason: billingReason, amount_paid: 0 }), config);
      expect(plan).toEqual({
        kind: "skipped",
        orderId: "in_1RxHxSGaouLfVOpUyWFwGR1y",
        subscriptionId: SUBSCRIPTION_ID,
        reason: expect.stringMatching(/^nothing paid: /),
      });
      expect(plan.kind === "skipped" && plan.reason).toContain(`billing_reason ${billingReason}`);
    },
  );

  it("skips a trial's $0 subscription_create invoice from the builders", () => {
    const trial = buildPaidInvoice({ subscription: "sub_trial", billingReason: "subscription_create", amountPaid: 0 });
    expect(planDeliveries(buildEvent("invoice.paid", trial), config)).toEqual({
      kind: "skipped",
      orderId: trial.id,
      subscriptionId: "sub_trial",
      reason: expect.stringMatching(/^nothing paid: amount_paid is 0 \(billing_reason subscription_create/),
    });
  });

  it.each([
    ["manual", 2000],
    ["manual", 0],
    ["subscription_cycle", 2000],
    [null, 2000],
  ] as const)("skips a one-off %s invoice (no subscription, amount %d)", (billingReason, amountPaid) => {
    const invoice = buildPaidInvoice({ subscription: null, amountPaid }, { billing_reason: billingReason });
    expect(invoice.parent).toBeNull();
    const plan = planDeliveries(buildEvent("invoice.paid", invoice), config);
    expect(plan).toEqual({
      kind: "skipped",
      orderId: invoice.id,
      reason: expect.stringMatching(/^one-off invoice \(/),
    });
    expect(plan.kind === "skipped" && plan.reason).toContain(`billing_reason ${billingReason ?? "none"}`);
    expect(plan.kind === "skipped" && plan.reason).toContain("checkout.session.completed");
  });

  it.each([
    ["a quote's parent", { quote_details: { quote: "qt_1" }, subscription_details: null, type: "quote_details" }],
    ["a null subscription", { quote_details: null, subscription_details: { metadata: {}, subscription: null } }],
  ])("skips an invoice with %s as one-off", (_name, parent) => {
    const invoice = fixtureInvoice({ parent: parent as unknown as Stripe.Invoice.Parent });
    const plan = planDeliveries(fixtureInvoicePaidEvent(invoice), config);
    expect(plan).toMatchObject({ kind: "skipped", orderId: "in_1RxHxSGaouLfVOpUyWFwGR1y" });
    expect(plan.kind === "skipped" && plan.reason).toMatch(/^one-off invoice \(billing_reason subscription_create/);
  });

  it.each([
    ["amount_paid", { amount_paid: "19200" }, /amount_paid: .*expected number/],
    ["amount_paid", { amount_paid: 19.5 }, /amount_paid: .*int/],
    ["amount_paid", { amount_paid: -1 }, /amount_paid/],
    ["id", { id: undefined }, /id: .*expected string/],
    ["currency", { currency: "dollars" }, /currency: expected a three-letter ISO currency code/],
    ["object", { object: "charge" }, /object: .*"invoice"/],
    [
      "parent.subscription_details.subscription",
      { parent: { subscription_details: { subscription: 42 } } },
      /parent\.subscription_details\.subscription: expected an id string/,
    ],
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

describe("planDeliveries — charge.dispute.closed", () => {
  const charge = buildCharge({ id: "ch_disputed", paymentIntent: "pi_disputed" });
  const closed = (status: Stripe.Dispute.Status, options: { paymentIntent?: string | null } = {}) =>
    buildEvent("charge.dispute.closed", buildDispute({ charge, status, ...options }));

  it("is a registered webhook event type", () => {
    expect(WEBHOOK_EVENT_TYPES).toContain("charge.dispute.closed");
  });

  it("plans a lost dispute as a modification of the charge's conversion, like a refund", () => {
    expect(planDeliveries(closed("lost"), config)).toEqual({
      kind: "modification",
      chargeId: "ch_disputed",
      paymentIntentId: "pi_disputed",
    });
  });

  it("plans a lost dispute without payment_intent, or with an expanded charge, by the charge id", () => {
    expect(planDeliveries(closed("lost", { paymentIntent: null }), config)).toEqual({
      kind: "modification",
      chargeId: "ch_disputed",
    });
    const expanded = buildDispute(
      { charge, status: "lost" },
      { charge, payment_intent: { id: "pi_x" } as Stripe.PaymentIntent },
    );
    expect(planDeliveries(buildEvent("charge.dispute.closed", expanded), config)).toEqual({
      kind: "modification",
      chargeId: "ch_disputed",
      paymentIntentId: "pi_x",
    });
  });

  it.each(["won", "warning_closed"] as const)("skips a %s dispute as won: the money stayed", (status) => {
    const plan = planDeliveries(closed(status), config);
    expect(plan).toEqual({ kind: "skipped", reason: expect.stringMatching(/^dispute won /) });
    expect(plan.kind === "skipped" && plan.reason).toContain(`(status ${status})`);
  });

  it.each([
    "needs_response",
    "under_review",
    "warning_needs_response",
    "warning_under_review",
    "prevented",
    "some_future_status",
  ])("skips a dispute closed with status %s, naming it", (status) => {
    const plan = planDeliveries(closed(status as Stripe.Dispute.Status), config);
    expect(plan).toEqual({ kind: "skipped", reason: `dispute closed with status ${status}: nothing to change` });
  });

  it.each([
    ["charge", { charge: undefined }, /charge: expected an id string/],
    ["charge", { charge: 42 }, /charge: expected an id string/],
    ["status", { status: 7 }, /status: .*expected string/],
    ["id", { id: "" }, /id: /],
    ["object", { object: "charge" }, /object: .*"dispute"/],
    ["payment_intent", { payment_intent: 42 }, /payment_intent: expected an id string/],
  ])("skips a malformed dispute naming %s", (_field, overrides, reason) => {
    const dispute = { ...buildDispute({ charge, status: "lost" }), ...overrides };
    const plan = planDeliveries(fixtureRawEvent("charge.dispute.closed", dispute), config);
    expect(plan.kind).toBe("skipped");
    expect(plan.kind === "skipped" && plan.reason).toMatch(/^malformed dispute: /);
    expect(plan.kind === "skipped" && plan.reason).toMatch(reason);
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
