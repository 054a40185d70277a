import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { buildConversion, type ConversionContext } from "@/lib/mapping/build-conversion";
import type { ConversionLineItem } from "@/lib/mapping/checkout-line-items";
import type { EventTypeDecision } from "@/lib/mapping/first-paid-invoice";
import { MappingError } from "@/lib/mapping/mapping-error";
import { buildCheckoutSession } from "@/testing/stripe/builders";
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

const SUBSCRIPTION_ID = "sub_1RxHxrGaouLfVOpUpfTWqbjM";
const FIRST: EventTypeDecision = {
  eventTypeId: "27001",
  isFirst: true,
  rule: `first paid invoice of ${SUBSCRIPTION_ID}`,
};
const RECURRING: EventTypeDecision = {
  eventTypeId: "27002",
  isFirst: false,
  rule: `paid invoice 2 of ${SUBSCRIPTION_ID}, a renewal (its first paid invoice was in_first)`,
};

/** An invoice needs its event type decided by the job (first-paid-invoice.ts). */
const invoiceContext = (overrides: Partial<ConversionContext> = {}): ConversionContext =>
  context({ eventType: FIRST, ...overrides });

/** The integration with the "Click ID in client_reference_id" option on. */
const withClientReference = (overrides: Partial<ConversionContext> = {}): Partial<ConversionContext> => ({
  ...overrides,
  integration: { ...FIXTURE_INTEGRATION, clickIdFromClientReference: true },
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
      invoiceContext({ eventCreated: INVOICE_PAID_EVENT.created }),
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
      eventTypeRule: `first paid invoice of ${SUBSCRIPTION_ID}`,
      subscriptionId: SUBSCRIPTION_ID,
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
    const { params } = buildConversion(invoice, invoiceContext({ promotionCode: "FALL20" }));
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

  it("takes EventTypeId from the job's decision and reports its rule and the subscription", () => {
    const result = buildConversion(
      fixtureInvoice({ billing_reason: "subscription_cycle" }),
      invoiceContext({ eventType: RECURRING }),
    );
    expect(result.params.EventTypeId).toBe("27002");
    expect(result.eventTypeId).toBe("27002");
    expect(result.eventTypeRule).toBe(RECURRING.rule);
    expect(result.subscriptionId).toBe(SUBSCRIPTION_ID);
  });

  // Money decides, not billing_reason: whatever the reason, the decision passed in is what is sent.
  it.each([
    ["subscription_create", 19200, RECURRING],
    ["subscription_cycle", 19200, FIRST],
    ["subscription_update", 833, RECURRING],
    ["subscription_threshold", 19200, RECURRING],
    ["manual", 19200, FIRST],
    [null, 19200, FIRST],
  ] as const)("sends a %s invoice with the decided event type", (billingReason, amountPaid, decision) => {
    const result = buildConversion(
      fixtureInvoice({ billing_reason: billingReason, amount_paid: amountPaid }),
      invoiceContext({ eventType: decision }),
    );
    expect(result.params.EventTypeId).toBe(decision.eventTypeId);
    expect(result.eventTypeId).toBe(decision.eventTypeId);
    expect(result.eventTypeRule).toBe(decision.rule);
  });

  it("reads an expanded subscription's id for the report", () => {
    const invoice = fixtureInvoice();
    const details = invoice.parent?.subscription_details;
    if (!details) throw new Error("fixture invoice has no subscription_details");
    details.subscription = { id: "sub_expanded" } as Stripe.Subscription;
    expect(buildConversion(invoice, invoiceContext()).subscriptionId).toBe("sub_expanded");
  });

  it("requires the event type decision for an invoice", () => {
    const error = mappingError(() => buildConversion(fixtureInvoice(), context()));
    expect(error.code).toBe("missing_context");
    expect(error.message).toMatch(/event type \(first paid or recurring\)/);
  });

  it.each([
    ["a one-off invoice", { parent: null }, /^one-off invoice \(/],
    ["a $0 invoice", { amount_paid: 0 }, /^nothing paid: /],
  ] as const)("refuses %s as a skip, even without an event type", (_name, overrides, reason) => {
    for (const ctx of [invoiceContext(), context()]) {
      const error = mappingError(() => buildConversion(fixtureInvoice(overrides), ctx));
      expect(error.code).toBe("not_a_conversion");
      expect(error.message).toMatch(reason);
    }
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
    const result = buildConversion(shape(fixtureInvoice()), invoiceContext(extra));
    expect(result.params.ClickId).toBe(clickId);
    expect(result.clickIdSource).toBe(source);
  });

  it("prefers the invoice's own metadata over looked-up sources", () => {
    const invoice = withSubscriptionMetadata(fixtureInvoice(), { irclickid: "sub-click" });
    const result = buildConversion(
      invoice,
      invoiceContext({
        checkoutSessionMetadata: { irclickid: "cs-click" },
        customerMetadata: { irclickid: "cus-click" },
      }),
    );
    expect(result.params.ClickId).toBe("sub-click");
  });

  describe("client_reference_id of the subscription's checkout session as a click id", () => {
    const REF = { checkoutSessionClientReferenceId: " ref-click " };

    it("is read only when the integration's option is on", () => {
      const on = buildConversion(fixtureInvoice(), invoiceContext(withClientReference(REF)));
      expect(on.params.ClickId).toBe("ref-click");
      expect(on.clickIdSource).toBe("client_reference_id");
      const off = buildConversion(fixtureInvoice(), invoiceContext(REF));
      expect(off.params).not.toHaveProperty("ClickId");
      expect(off.clickIdSource).toBeNull();
      const offWithCustomer = buildConversion(
        fixtureInvoice(),
        invoiceContext({ ...REF, customerMetadata: { irclickid: "cus-click" } }),
      );
      expect(offWithCustomer.clickIdSource).toBe("customer");
    });

    it("comes after the session's metadata and before the customer", () => {
      const afterSession = buildConversion(
        fixtureInvoice(),
        invoiceContext(withClientReference({ ...REF, checkoutSessionMetadata: { irclickid: "cs-click" } })),
      );
      expect(afterSession.params.ClickId).toBe("cs-click");
      expect(afterSession.clickIdSource).toBe("checkout_session");
      const beforeCustomer = buildConversion(
        fixtureInvoice(),
        invoiceContext(withClientReference({ ...REF, customerMetadata: { impact_click_id: "cus-click" } })),
      );
      expect(beforeCustomer.params.ClickId).toBe("ref-click");
      expect(beforeCustomer.clickIdSource).toBe("client_reference_id");
      const invoice = withSubscriptionMetadata(fixtureInvoice(), { irclickid: "sub-click" });
      expect(buildConversion(invoice, invoiceContext(withClientReference(REF))).clickIdSource).toBe(
        "subscription_details",
      );
    });

    it("falls through to the customer when blank or absent", () => {
      for (const checkoutSessionClientReferenceId of ["  ", null, undefined]) {
        const result = buildConversion(
          fixtureInvoice(),
          invoiceContext(
            withClientReference({ checkoutSessionClientReferenceId, customerMetadata: { im_ref: "cus" } }),
          ),
        );
        expect(result.params.ClickId).toBe("cus");
        expect(result.clickIdSource).toBe("customer");
      }
    });
  });

  it("still sends with CustomerId when there is no click id", () => {
    const result = buildConversion(fixtureInvoice(), invoiceContext({ checkoutSessionMetadata: { order_id: "o" } }));
    expect(result.params).not.toHaveProperty("ClickId");
    expect(result.params.CustomerId).toBe("cus_SsllV761J0q08n");
    expect(result.clickIdSource).toBeNull();
  });

  it("omits CustomerId and CustomerEmail when absent, and reads an expanded customer's id", () => {
    const bare = buildConversion(fixtureInvoice({ customer: null, customer_email: null }), invoiceContext()).params;
    expect(bare).not.toHaveProperty("CustomerId");
    expect(bare).not.toHaveProperty("CustomerEmail");
    const expanded = fixtureInvoice({ customer: { id: "cus_expanded" } as Stripe.Customer });
    expect(buildConversion(expanded, invoiceContext()).params.CustomerId).toBe("cus_expanded");
  });

  it("hashes the trimmed, lower-cased customer_email", () => {
    const { params } = buildConversion(
      fixtureInvoice({ customer_email: "  JENNY.Rosen@Example.com " }),
      invoiceContext(),
    );
    expect(params.CustomerEmail).toBe(EMAIL_SHA1);
  });

  it("falls back to the event time when paid_at is missing", () => {
    const invoice = fixtureInvoice();
    invoice.status_transitions.paid_at = null;
    expect(buildConversion(invoice, invoiceContext()).params.EventDate).toBe(EVENT_DATE);
  });

  it.each([
    ["jpy", 1999, "JPY", "1999"],
    ["kwd", 19999, "KWD", "19.999"],
    ["ugx", 1999, "UGX", "19.99"],
    ["isk", 1999, "ISK", "19.99"],
  ])("formats %s amounts in their currency", (currency, amountPaid, code, subtotal) => {
    const result = buildConversion(fixtureInvoice({ currency, amount_paid: amountPaid }), invoiceContext());
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
    const { params } = buildConversion(invoice, invoiceContext());
    expect(params.ItemCategory1).toBe("Remaining time on 3 × Pro after 18 Aug 2025");
    expect(params.ItemQuantity1).toBe("3");
    expect(params.ItemSubTotal1).toBe("8.33");
  });

  it("uses quantity 1 when the line has none and omits ItemCategory1 without a description", () => {
    const invoice = fixtureInvoice();
    const [line] = invoice.lines.data;
    if (!line) throw new Error("line expected");
    Object.assign(line, { quantity: null, description: null });
    const { params } = buildConversion(invoice, invoiceContext());
    expect(params.ItemQuantity1).toBe("1");
    expect(params).not.toHaveProperty("ItemCategory1");
  });

  it("omits a blank promotion code", () => {
    expect(buildConversion(fixtureInvoice(), invoiceContext({ promotionCode: "  " })).params).not.toHaveProperty(
      "OrderPromoCode",
    );
  });

  it("encodes cleanly as a form", () => {
    const { params } = buildConversion(fixtureInvoice(), invoiceContext());
    const form = new URLSearchParams(params).toString();
    expect(form).toContain("EventDate=2025-08-18T01%3A34%3A21Z");
    expect(form.startsWith("CampaignId=12345&EventTypeId=27001&")).toBe(true);
  });

  it("names the malformed field", () => {
    const invoice = fixtureInvoice();
    (invoice as unknown as { status_transitions: unknown }).status_transitions = { paid_at: "yesterday" };
    const error = mappingError(() => buildConversion(invoice, invoiceContext()));
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

  it("falls back to the customer's metadata for ClickId, not to client_reference_id when the option is off", () => {
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

  describe("its own client_reference_id as a click id", () => {
    const session = () => fixturePaymentSession({ client_reference_id: " ref-click " });

    it("is read only when the integration's option is on, recorded as client_reference_id", () => {
      const on = buildConversion(session(), context(withClientReference({ lineItems: LINE_ITEMS })));
      expect(on.params.ClickId).toBe("ref-click");
      expect(on.clickIdSource).toBe("client_reference_id");
      const off = buildConversion(session(), context({ lineItems: LINE_ITEMS }));
      expect(off.params).not.toHaveProperty("ClickId");
    });

    it("comes after the session's metadata and before the customer", () => {
      const withMetadata = fixturePaymentSession({ client_reference_id: "ref-click", metadata: { irclickid: "cs" } });
      const afterMetadata = buildConversion(withMetadata, context(withClientReference({ lineItems: LINE_ITEMS })));
      expect(afterMetadata.params.ClickId).toBe("cs");
      expect(afterMetadata.clickIdSource).toBe("checkout_session");
      const beforeCustomer = buildConversion(
        session(),
        context(withClientReference({ lineItems: LINE_ITEMS, customerMetadata: { impact_click_id: "cus" } })),
      );
      expect(beforeCustomer.params.ClickId).toBe("ref-click");
      expect(beforeCustomer.clickIdSource).toBe("client_reference_id");
    });

    it("is the session's own field, not a subscription session's reference from the context", () => {
      const built = buildCheckoutSession({ mode: "payment", clientReferenceId: null, metadata: {} });
      const result = buildConversion(
        built,
        context(
          withClientReference({
            lineItems: LINE_ITEMS,
            checkoutSessionClientReferenceId: "not-this-session",
            customerMetadata: { im_ref: "cus" },
          }),
        ),
      );
      expect(result.params.ClickId).toBe("cus");
      expect(result.clickIdSource).toBe("customer");
      const own = buildCheckoutSession({ mode: "payment", clientReferenceId: "own-ref", metadata: {} });
      expect(buildConversion(own, context(withClientReference({ lineItems: LINE_ITEMS }))).params.ClickId).toBe(
        "own-ref",
      );
    });
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
    noProgram.eventType = FIRST;
    expect(mappingError(() => buildConversion(fixtureInvoice(), noProgram)).message).toBe(
      "integration programId is empty",
    );
    expect(
      mappingError(() => buildConversion(fixtureInvoice(), invoiceContext({ eventCreated: 1.5 }))).message,
    ).toMatch(/^eventCreated must be/);
  });
});
