import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  buildCharge,
  buildCheckoutLineItem,
  buildCheckoutSession,
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
});
