import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { buildConversion, type ConversionContext } from "@/lib/mapping/build-conversion";
import type { ConversionLineItem } from "@/lib/mapping/checkout-line-items";
import { MappingError } from "@/lib/mapping/mapping-error";
import {
  FIXTURE_INTEGRATION,
  fixtureInvoice,
  fixturePaymentSession,
  fixtureSubscriptionSession,
  withLineMetadata,
  withSubscriptionMetadata,
} from "@/testing/stripe/fixtures/fixture-builders";
import { INVOICE_PAID_EVENT } from "@/testing/stripe/fixtures/invoice-paid-event";

const EMAIL_SHA1 = "24ac8f370c29bf7d9825acdf0beec5e84b331e8b"; // sha1("jenny.rosen@example.com")
const PAID_AT = "2025-08-18T01:34:21Z"; // status_transitions.paid_at 1755480861
const EVENT_CREATED = 1755480865;
const EVENT_DATE = "2025-08-18T01:34:25Z";

const context = (overrides: Partial<ConversionContext> = {}): ConversionContext => ({
  integration: { ...FIXTURE_INTEGRATION },
  eventCreated: EVENT_CREATED,
  ...overrides,
});

const LINE_ITEMS: ConversionLineItem[] = [
  { productId: "prod_A", productName: "Lifetime licence", quantity: 1, amountTotal: 3900 },
  { productId: "prod_B", productName: "Sticker pack", quantity: 2, amountTotal: 1000 },
];

function mappingError(run: () => unknown): MappingError {
  try {
    run();
  } catch (error) {
    if (error instanceof MappingError) return error;
    throw error;
  }
  throw new Error("expected a MappingError");
}

describe("buildConversion — invoice.paid", () => {
  it("maps the fixture invoice to every parameter of the SPEC §7 table, in order", () => {
    const result = buildConversion(
      INVOICE_PAID_EVENT.data.object,
      context({ eventCreated: INVOICE_PAID_EVENT.created }),
    );
    expect(result).toEqual({
      params: {
        CampaignId: "12345",
        EventTypeId: "27001",
        EventDate: PAID_AT,
        OrderId: "in_1RxHxSGaouLfVOpUyWFwGR1y",
        CustomerId: "cus_SsllV761J0q08n",
        CustomerEmail: EMAIL_SHA1,
        CurrencyCode: "USD",
        ItemSku1: "Subscription",
        ItemCategory1: "1 × Ultimate (at $192.00 / year)",
        ItemQuantity1: "1",
        ItemSubTotal1: "192.00",
      },
      orderId: "in_1RxHxSGaouLfVOpUyWFwGR1y",
      eventTypeId: "27001",
      amountMinor: 19200,
      currency: "USD",
      clickIdSource: null,
    });
    expect(Object.keys(result.params)).toEqual([
      "CampaignId",
      "EventTypeId",
      "EventDate",
      "OrderId",
      "CustomerId",
      "CustomerEmail",
      "CurrencyCode",
      "ItemSku1",
      "ItemCategory1",
      "ItemQuantity1",
      "ItemSubTotal1",
    ]);
  });

  it("puts ClickId after EventTypeId and OrderPromoCode after CurrencyCode", () => {
    const invoice = withLineMetadata(fixtureInvoice(), [{ irclickid: "click-1" }]);
    const { params } = buildConversion(invoice, context({ promotionCode: "FALL20" }));
    expect(Object.keys(params)).toEqual([
      "CampaignId",
      "EventTypeId",
      "ClickId",
      "EventDate",
      "OrderId",
      "CustomerId",
      "CustomerEmail",
      "CurrencyCode",
      "OrderPromoCode",
      "ItemSku1",
      "ItemCategory1",
      "ItemQuantity1",
      "ItemSubTotal1",
    ]);
    expect(params.ClickId).toBe("click-1");
    expect(params.OrderPromoCode).toBe("FALL20");
  });

  it.each([
    ["subscription_create", 19200, "27001"],
    ["subscription_cycle", 19200, "27002"],
    ["subscription_update", 833, "27002"],
  ])("uses the right EventTypeId for billing_reason %s", (billingReason, amountPaid, eventTypeId) => {
    const result = buildConversion(
      fixtureInvoice({ billing_reason: billingReason, amount_paid: amountPaid }),
      context(),
    );
    expect(result.params.EventTypeId).toBe(eventTypeId);
    expect(result.eventTypeId).toBe(eventTypeId);
  });

  it.each([
    [{ billing_reason: "manual" }, /billing_reason manual/],
    [{ billing_reason: "subscription_threshold" }, /billing_reason subscription_threshold/],
    [{ amount_paid: 0 }, /^zero amount/],
  ] as const)("refuses an invoice that plans to a skip (%j)", (overrides, reason) => {
    const error = mappingError(() => buildConversion(fixtureInvoice(overrides), context()));
    expect(error.code).toBe("not_a_conversion");
    expect(error.message).toMatch(reason);
  });

  it.each([
    [
      "invoice line",
      (i: Stripe.Invoice) => withLineMetadata(i, [{ user_id: "u" }, { IM_REF: " line-click " }]),
      {},
      "line-click",
      "invoice_line",
    ],
    [
      "subscription details",
      (i: Stripe.Invoice) => withSubscriptionMetadata(i, { impact_click_id: "sub-click" }),
      {},
      "sub-click",
      "subscription_details",
    ],
    [
      "checkout session",
      (i: Stripe.Invoice) => i,
      { checkoutSessionMetadata: { irclickid: "cs-click" } },
      "cs-click",
      "checkout_session",
    ],
    ["customer", (i: Stripe.Invoice) => i, { customerMetadata: { IRCLICKID: "cus-click" } }, "cus-click", "customer"],
  ] as const)("takes ClickId from the %s and records the source", (_name, shape, extra, clickId, source) => {
    const result = buildConversion(shape(fixtureInvoice()), context(extra));
    expect(result.params.ClickId).toBe(clickId);
    expect(result.clickIdSource).toBe(source);
  });

  it("prefers the invoice's own metadata over looked-up sources", () => {
    const invoice = withSubscriptionMetadata(fixtureInvoice(), { irclickid: "sub-click" });
    const result = buildConversion(
      invoice,
      context({ checkoutSessionMetadata: { irclickid: "cs-click" }, customerMetadata: { irclickid: "cus-click" } }),
    );
    expect(result.params.ClickId).toBe("sub-click");
  });

  it("still sends with CustomerId when there is no click id", () => {
    const result = buildConversion(fixtureInvoice(), context({ checkoutSessionMetadata: { order_id: "o" } }));
    expect(result.params).not.toHaveProperty("ClickId");
    expect(result.params.CustomerId).toBe("cus_SsllV761J0q08n");
    expect(result.clickIdSource).toBeNull();
  });

  it("omits CustomerId and CustomerEmail when absent, and reads an expanded customer's id", () => {
    const bare = buildConversion(fixtureInvoice({ customer: null, customer_email: null }), context()).params;
    expect(bare).not.toHaveProperty("CustomerId");
    expect(bare).not.toHaveProperty("CustomerEmail");
    const expanded = fixtureInvoice({ customer: { id: "cus_expanded" } as Stripe.Customer });
    expect(buildConversion(expanded, context()).params.CustomerId).toBe("cus_expanded");
  });

  it("hashes the trimmed, lower-cased customer_email", () => {
    const { params } = buildConversion(fixtureInvoice({ customer_email: "  JENNY.Rosen@Example.com " }), context());
    expect(params.CustomerEmail).toBe(EMAIL_SHA1);
  });

  it("falls back to the event time when paid_at is missing", () => {
    const invoice = fixtureInvoice();
    invoice.status_transitions.paid_at = null;
    expect(buildConversion(invoice, context()).params.EventDate).toBe(EVENT_DATE);
  });

  it.each([
    ["jpy", 1999, "JPY", "1999"],
    ["kwd", 19999, "KWD", "19.999"],
    ["ugx", 1999, "UGX", "19.99"],
    ["isk", 1999, "ISK", "19.99"],
  ])("formats %s amounts in their currency", (currency, amountPaid, code, subtotal) => {
    const result = buildConversion(fixtureInvoice({ currency, amount_paid: amountPaid }), context());
    expect(result.params.CurrencyCode).toBe(code);
    expect(result.params.ItemSubTotal1).toBe(subtotal);
    expect(result.amountMinor).toBe(amountPaid);
  });

  it("names the item after the first charging line (not an upgrade's unused-time credit)", () => {
    const invoice = withLineMetadata(fixtureInvoice({ billing_reason: "subscription_update", amount_paid: 833 }), [
      {},
      {},
    ]);
    const [credit, charge] = invoice.lines.data;
    if (!credit || !charge) throw new Error("two lines expected");
    Object.assign(credit, { amount: -1000, description: "Unused time on Basic after 18 Aug 2025", quantity: 1 });
    Object.assign(charge, { amount: 1833, description: "Remaining time on 3 × Pro after 18 Aug 2025", quantity: 3 });
    const { params } = buildConversion(invoice, context());
    expect(params.ItemCategory1).toBe("Remaining time on 3 × Pro after 18 Aug 2025");
    expect(params.ItemQuantity1).toBe("3");
    expect(params.ItemSubTotal1).toBe("8.33");
  });

  it("uses quantity 1 when the line has none and omits ItemCategory1 without a description", () => {
    const invoice = fixtureInvoice();
    const [line] = invoice.lines.data;
    if (!line) throw new Error("line expected");
    Object.assign(line, { quantity: null, description: null });
    const { params } = buildConversion(invoice, context());
    expect(params.ItemQuantity1).toBe("1");
    expect(params).not.toHaveProperty("ItemCategory1");
  });

  it("omits a blank promotion code", () => {
    expect(buildConversion(fixtureInvoice(), context({ promotionCode: "  " })).params).not.toHaveProperty(
      "OrderPromoCode",
    );
  });

  it("encodes cleanly as a form", () => {
    const { params } = buildConversion(fixtureInvoice(), context());
    const form = new URLSearchParams(params).toString();
    expect(form).toContain("EventDate=2025-08-18T01%3A34%3A21Z");
    expect(form.startsWith("CampaignId=12345&EventTypeId=27001&")).toBe(true);
  });

  it("names the malformed field", () => {
    const invoice = fixtureInvoice();
    (invoice as unknown as { status_transitions: unknown }).status_transitions = { paid_at: "yesterday" };
    const error = mappingError(() => buildConversion(invoice, context()));
    expect(error.code).toBe("malformed_payload");
    expect(error.message).toMatch(/^malformed invoice: status_transitions\.paid_at: /);
  });
});

describe("buildConversion — checkout.session.completed (payment mode)", () => {
  it("maps a paid one-time session to every parameter, one item per line item", () => {
    const session = fixturePaymentSession({ metadata: { impact_click_id: "cs-click", order_id: "o1" } });
    const result = buildConversion(session, context({ lineItems: LINE_ITEMS, promotionCode: "FALL20" }));
    expect(result).toEqual({
      params: {
        CampaignId: "12345",
        EventTypeId: "27001",
        ClickId: "cs-click",
        EventDate: EVENT_DATE,
        OrderId: "pi_3PayTestGaouLfVOpU1a2b3c4d",
        CustomerId: "cus_SsllV761J0q08n",
        CustomerEmail: EMAIL_SHA1,
        CurrencyCode: "USD",
        OrderPromoCode: "FALL20",
        ItemSku1: "prod_A",
        ItemName1: "Lifetime licence",
        ItemQuantity1: "1",
        ItemSubTotal1: "39.00",
        ItemSku2: "prod_B",
        ItemName2: "Sticker pack",
        ItemQuantity2: "2",
        ItemSubTotal2: "10.00",
      },
      orderId: "pi_3PayTestGaouLfVOpU1a2b3c4d",
      eventTypeId: "27001",
      amountMinor: 4900,
      currency: "USD",
      clickIdSource: "checkout_session",
    });
  });

  it("keeps OrderId within impact's 64 characters (the session id is 66)", () => {
    const session = fixturePaymentSession();
    expect(session.id.length).toBeGreaterThan(64);
    expect(buildConversion(session, context({ lineItems: LINE_ITEMS })).orderId.length).toBeLessThanOrEqual(64);
  });

  it("falls back to the customer's metadata for ClickId, never to client_reference_id", () => {
    const session = fixturePaymentSession({ client_reference_id: "irclickid-lookalike" });
    const withCustomer = buildConversion(
      session,
      context({ lineItems: LINE_ITEMS, customerMetadata: { im_ref: "cus" } }),
    );
    expect(withCustomer.params.ClickId).toBe("cus");
    expect(withCustomer.clickIdSource).toBe("customer");
    const without = buildConversion(session, context({ lineItems: LINE_ITEMS }));
    expect(without.params).not.toHaveProperty("ClickId");
  });

  it("omits CustomerId for a guest checkout and hashes customer_details.email", () => {
    const session = fixturePaymentSession({ customer: null });
    const { params } = buildConversion(session, context({ lineItems: LINE_ITEMS }));
    expect(params).not.toHaveProperty("CustomerId");
    expect(params.CustomerEmail).toBe(EMAIL_SHA1);
  });

  it("falls back to customer_email when customer_details has none", () => {
    const session = fixturePaymentSession({ customer_details: null, customer_email: "Jenny.Rosen@example.com" });
    expect(buildConversion(session, context({ lineItems: LINE_ITEMS })).params.CustomerEmail).toBe(EMAIL_SHA1);
  });

  it("formats item subtotals in the session currency", () => {
    const session = fixturePaymentSession({ currency: "jpy" });
    const { params } = buildConversion(
      session,
      context({ lineItems: [{ productId: "p", productName: "n", quantity: 1, amountTotal: 1999 }] }),
    );
    expect(params.CurrencyCode).toBe("JPY");
    expect(params.ItemSubTotal1).toBe("1999");
  });

  it("refuses subscription-mode and unpaid sessions", () => {
    const subscription = mappingError(() =>
      buildConversion(fixtureSubscriptionSession(), context({ lineItems: LINE_ITEMS })),
    );
    expect(subscription.code).toBe("not_a_conversion");
    expect(subscription.message).toBe("subscription checkout: its invoice.paid carries the money");
    const unpaid = mappingError(() =>
      buildConversion(fixturePaymentSession({ payment_status: "unpaid" }), context({ lineItems: LINE_ITEMS })),
    );
    expect(unpaid.code).toBe("not_a_conversion");
  });

  it("requires the line items", () => {
    const error = mappingError(() => buildConversion(fixturePaymentSession(), context()));
    expect(error.code).toBe("missing_context");
    expect(error.message).toMatch(/listLineItems/);
  });

  it("rejects a bad line item, naming it", () => {
    const error = mappingError(() =>
      buildConversion(
        fixturePaymentSession(),
        context({ lineItems: [{ productId: "p", productName: "n", quantity: 1, amountTotal: 1.5 }] }),
      ),
    );
    expect(error.message).toMatch(/checkout line item 1: amountTotal/);
  });

  it("rejects objects it cannot map", () => {
    const charge = { object: "charge", id: "ch_1" } as unknown as Stripe.Invoice;
    expect(mappingError(() => buildConversion(charge, context())).code).toBe("malformed_payload");
  });

  it("rejects an empty programId and a bad eventCreated", () => {
    const noProgram = context();
    noProgram.integration.programId = "";
    expect(mappingError(() => buildConversion(fixtureInvoice(), noProgram)).code).toBe("missing_context");
    expect(mappingError(() => buildConversion(fixtureInvoice(), context({ eventCreated: 1.5 }))).code).toBe(
      "missing_context",
    );
  });
});
