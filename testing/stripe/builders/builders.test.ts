import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  buildCharge,
  buildCheckoutLineItem,
  buildCheckoutSession,
  buildDispute,
  buildEvent,
  buildInvoicePayment,
  buildPaidInvoice,
} from "@/testing/stripe/builders";

describe("stripe builders", () => {
  it("build a paid subscription invoice in the current shape with consistent amounts", () => {
    const invoice = buildPaidInvoice({
      billingReason: "subscription_cycle",
      subscription: "sub_1",
      subscriptionMetadata: { impact_click_id: "c1" },
      lines: [{ amount: 3000, metadata: { im_ref: "line" } }, { amount: 1000 }],
      discounts: [{ discount: "di_1", amount: 500 }],
      paidAt: 1_800_000_000,
    });
    expect(invoice).toMatchObject({
      subtotal: 4000,
      total: 3500,
      amount_paid: 3500,
      billing_reason: "subscription_cycle",
      discounts: ["di_1"],
      total_discount_amounts: [{ amount: 500, discount: "di_1" }],
      parent: {
        type: "subscription_details",
        subscription_details: { subscription: "sub_1", metadata: { impact_click_id: "c1" } },
      },
      status_transitions: { paid_at: 1_800_000_000 },
    });
    expect(invoice.lines.data[0]?.parent?.subscription_item_details?.subscription).toBe("sub_1");
    expect(invoice.lines.data[0]?.metadata).toEqual({ im_ref: "line" });
    // Fields removed from the API must not creep back in.
    expect(invoice).not.toHaveProperty("subscription");
    expect(buildCharge()).not.toHaveProperty("invoice");
    expect(buildCharge()).not.toHaveProperty("refunds");
    expect(buildPaidInvoice({ subscription: null }).parent).toBeNull();
  });

  it("build checkout sessions for both modes and line items that sum", () => {
    const payment = buildCheckoutSession({ promotionCode: "promo_1" });
    expect(payment.mode).toBe("payment");
    expect(payment.payment_intent).toMatch(/^pi_/);
    expect(payment.subscription).toBeNull();
    expect(payment.id).toHaveLength(66);
    expect(payment.discounts).toEqual([{ coupon: null, promotion_code: "promo_1" }]);
    const subscription = buildCheckoutSession({ mode: "subscription" });
    expect(subscription.payment_intent).toBeNull();
    expect(subscription.subscription).toMatch(/^sub_/);
    const item = buildCheckoutLineItem({ product: "prod_1", unitAmount: 1500, quantity: 3, amountDiscount: 500 });
    expect(item).toMatchObject({ amount_subtotal: 4500, amount_total: 4000, price: { product: "prod_1" } });
  });

  it("build charges, invoice payments and typed events", () => {
    expect(buildCharge({ amount: 1000, amountRefunded: 1000 }).refunded).toBe(true);
    expect(buildCharge({ amount: 1000, amountRefunded: 400 }).refunded).toBe(false);
    const invoice = buildPaidInvoice({ amountPaid: 1234 });
    expect(buildInvoicePayment({ invoice, paymentIntent: "pi_9" })).toMatchObject({
      invoice: invoice.id,
      amount_paid: 1234,
      payment: { type: "payment_intent", payment_intent: "pi_9" },
    });
    const event = buildEvent("invoice.paid", invoice, { created: 5 });
    expect(event).toMatchObject({
      object: "event",
      type: "invoice.paid",
      api_version: Stripe.API_VERSION,
      created: 5,
      livemode: false,
    });
    // The event type narrows data.object.
    expect(event.data.object.amount_paid).toBe(1234);
    expect(event.id).toMatch(/^evt_/);
  });

  it("build the invoices the first-paid-invoice rule orders: one subscription, $0 trials, paid_at, created, any billing reason, one-off", () => {
    const reasons = [
      "subscription_create",
      "subscription_cycle",
      "subscription_update",
      "subscription_threshold",
      "manual",
    ] as const;
    const invoices = reasons.map((billingReason, i) =>
      buildPaidInvoice({
        subscription: "sub_same",
        billingReason,
        amountPaid: i === 0 ? 0 : 1000 * i,
        created: 1_700_000_000 + i,
        paidAt: 1_700_000_100 + i,
      }),
    );
    expect(new Set(invoices.map((invoice) => invoice.id)).size).toBe(5);
    invoices.forEach((invoice, i) => {
      expect(invoice).toMatchObject({
        billing_reason: reasons[i],
        created: 1_700_000_000 + i,
        status: "paid",
        status_transitions: { paid_at: 1_700_000_100 + i },
        parent: { subscription_details: { subscription: "sub_same" } },
      });
      expect(invoice.amount_paid).toBe(i === 0 ? 0 : 1000 * i);
    });
    // A trial's $0 invoice is still a consistent invoice.
    expect(invoices[0]).toMatchObject({ amount_paid: 0, amount_due: 0, total: 0, subtotal: 0 });
    expect(invoices[0]?.lines.data[0]?.amount).toBe(0);
    // paid_at defaults to 30 s after created.
    expect(buildPaidInvoice({ created: 1_700_000_000 }).status_transitions.paid_at).toBe(1_700_000_030);

    const oneOff = buildPaidInvoice({ subscription: null });
    expect(oneOff.parent).toBeNull();
    expect(oneOff.billing_reason).toBe("manual");
    expect(oneOff.lines.data[0]?.parent).toMatchObject({
      type: "invoice_item_details",
      subscription_item_details: null,
      invoice_item_details: { subscription: null, proration: false },
    });
    expect(oneOff.lines.data[0]?.parent?.invoice_item_details?.invoice_item).toMatch(/^ii_/);
  });

  it("build checkout sessions with client_reference_id, null by default", () => {
    expect(buildCheckoutSession().client_reference_id).toBeNull();
    expect(buildCheckoutSession({ clientReferenceId: "irclk_1" }).client_reference_id).toBe("irclk_1");
  });

  it("build disputes from a charge, with the money moves of their status, and charge.dispute.closed events", () => {
    const charge = buildCharge({ amount: 5000, currency: "eur", paymentIntent: "pi_disputed", disputed: true });
    expect(charge.disputed).toBe(true);
    expect(buildCharge().disputed).toBe(false);

    const open = buildDispute({ charge });
    expect(open).toMatchObject({
      object: "dispute",
      charge: charge.id,
      amount: 5000,
      currency: "eur",
      payment_intent: "pi_disputed",
      status: "needs_response",
      reason: "fraudulent",
      livemode: false,
      is_charge_refundable: false,
      metadata: {},
    });
    expect(open.id).toMatch(/^dp_/);
    expect(open.evidence_details.due_by).toBeGreaterThan(open.created);
    expect(open.balance_transactions.map((txn) => [txn.amount, txn.fee, txn.net, txn.reporting_category])).toEqual([
      [-5000, 1500, -6500, "dispute"],
    ]);

    const lost = buildDispute({ charge: "ch_1", amount: 1200, status: "lost", currency: "jpy", paymentIntent: null });
    expect(lost).toMatchObject({ charge: "ch_1", amount: 1200, currency: "jpy", payment_intent: null, status: "lost" });
    expect(lost.evidence_details.due_by).toBeNull();
    expect(lost.balance_transactions).toHaveLength(1);
    expect(buildDispute({ charge: "ch_1" }).payment_intent).toMatch(/^pi_/);

    const won = buildDispute({ charge, amount: 2000, status: "won" });
    expect(won.balance_transactions.map((txn) => txn.amount)).toEqual([-2000, 2000]);
    const inquiry = buildDispute({ charge, status: "warning_closed" });
    expect(inquiry).toMatchObject({ balance_transactions: [], is_charge_refundable: true });
    expect(inquiry.payment_method_details?.card?.case_type).toBe("inquiry");

    const event = buildEvent("charge.dispute.closed", lost, { created: 7 });
    expect(event).toMatchObject({ type: "charge.dispute.closed", created: 7, api_version: Stripe.API_VERSION });
    // The event type narrows data.object to a dispute.
    expect(event.data.object.status).toBe("lost");
    expect(event.data.object.amount).toBe(1200);
  });
});
