import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeStripe, signStripeWebhook, startFakeStripe } from "@/testing/fakes/fake-stripe";
import {
  buildCharge,
  buildCheckoutLineItem,
  buildCheckoutSession,
  buildCustomer,
  buildDiscount,
  buildDispute,
  buildEvent,
  buildInvoicePayment,
  buildPaidInvoice,
  buildProduct,
  buildPromotionCode,
  buildSubscription,
} from "@/testing/stripe/builders";

const ACCOUNT = "acct_1TestBrand000000000000";
const SECRET_KEY = "sk_test_fakeSecretKey00001234";
const LIVE_KEY = "sk_live_fakeSecretKey00005678";
const READ_ONLY_KEY = "rk_test_noWebhookWrite0004321";

let fake: FakeStripe;

/** The SDK exactly as the portal configures it from STRIPE_API_BASE_URL. */
function sdk(key = SECRET_KEY, config: Stripe.StripeConfig = {}): Stripe {
  return new Stripe(key, { host: "127.0.0.1", port: fake.port, protocol: "http", ...config });
}

beforeAll(async () => {
  fake = await startFakeStripe({
    accounts: [
      {
        id: ACCOUNT,
        keys: [
          { key: SECRET_KEY },
          { key: LIVE_KEY },
          { key: READ_ONLY_KEY, missingPermissions: ["rak_webhook_write"] },
        ],
      },
    ],
  });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe("webhook endpoints", () => {
  it("creates, lists, retrieves, updates and deletes through the SDK", async () => {
    const stripe = sdk();
    expect((await stripe.webhookEndpoints.list({ limit: 100 })).data).toEqual([]);

    const created = await stripe.webhookEndpoints.create({
      url: "https://portal.example.com/api/webhooks/stripe/int_1",
      enabled_events: ["invoice.paid", "checkout.session.completed", "charge.refunded"],
      api_version: Stripe.API_VERSION,
      metadata: { integration_id: "int_1" },
      description: "impact.com portal",
    });
    expect(created.secret).toMatch(/^whsec_/);
    expect(created).toMatchObject({
      object: "webhook_endpoint",
      status: "enabled",
      api_version: Stripe.API_VERSION,
      livemode: false,
    });

    const list = await stripe.webhookEndpoints.list({ limit: 100 });
    expect(list).toMatchObject({ object: "list", has_more: false, url: "/v1/webhook_endpoints" });
    expect(list.data.map((endpoint) => endpoint.id)).toEqual([created.id]);
    expect(list.data[0]?.secret).toBeUndefined();
    expect(list.data[0]?.metadata).toEqual({ integration_id: "int_1" });

    const disabled = await stripe.webhookEndpoints.update(created.id, { disabled: true, metadata: { extra: "1" } });
    expect(disabled.status).toBe("disabled");
    expect(disabled.metadata).toEqual({ integration_id: "int_1", extra: "1" });
    expect((await stripe.webhookEndpoints.retrieve(created.id)).status).toBe("disabled");

    expect(await stripe.webhookEndpoints.del(created.id)).toMatchObject({ id: created.id, deleted: true });
    await expect(stripe.webhookEndpoints.retrieve(created.id)).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
    expect(fake.webhookEndpoints(ACCOUNT)).toEqual([]);
  });

  it("updates enabled_events, replacing the list that retrieve, list and deliveries use", async () => {
    const stripe = sdk();
    // Nothing listens there: a delivery attempt fails at once, which is enough to see which events match.
    const url = "http://127.0.0.1:1/h";
    const created = await stripe.webhookEndpoints.create({
      url,
      enabled_events: ["invoice.paid", "checkout.session.completed", "charge.refunded"],
    });
    const closed = buildEvent("charge.dispute.closed", buildDispute({ charge: "ch_1", status: "lost" }));
    expect(await fake.sendEvent(ACCOUNT, closed)).toEqual([]);
    const updated = await stripe.webhookEndpoints.update(created.id, {
      enabled_events: ["invoice.paid", "checkout.session.completed", "charge.refunded", "charge.dispute.closed"],
    });
    expect(updated.enabled_events).toEqual([
      "invoice.paid",
      "checkout.session.completed",
      "charge.refunded",
      "charge.dispute.closed",
    ]);
    expect(updated).toMatchObject({ id: created.id, url, status: "enabled" });
    expect(updated.secret).toBeUndefined();
    expect((await stripe.webhookEndpoints.retrieve(created.id)).enabled_events).toEqual(updated.enabled_events);
    expect((await stripe.webhookEndpoints.list()).data[0]?.enabled_events).toEqual(updated.enabled_events);
    // The signing secret survives the update; the fake's view follows it too.
    expect(fake.webhookEndpoints(ACCOUNT)[0]).toMatchObject({
      secret: created.secret,
      enabled_events: updated.enabled_events,
    });
    expect(fake.requests({ method: "POST", path: `/v1/webhook_endpoints/${created.id}` })[0]).toMatchObject({
      route: "webhook_endpoints.update",
      status: 200,
      body: { enabled_events: updated.enabled_events },
    });

    const [delivery] = await fake.sendEvent(ACCOUNT, closed, { timeoutMs: 2000 });
    expect(delivery).toMatchObject({ endpointId: created.id, eventType: "charge.dispute.closed", status: null });

    // A narrower list replaces, it does not merge; duplicates collapse.
    const narrowed = await stripe.webhookEndpoints.update(created.id, {
      enabled_events: ["charge.dispute.closed", "charge.dispute.closed"],
    });
    expect(narrowed.enabled_events).toEqual(["charge.dispute.closed"]);
    // An update without enabled_events leaves them alone.
    expect((await stripe.webhookEndpoints.update(created.id, { description: "x" })).enabled_events).toEqual([
      "charge.dispute.closed",
    ]);
    // The SDK drops an empty array from the form body, so `enabled_events: []` changes nothing, as on Stripe.
    await stripe.webhookEndpoints.update(created.id, { enabled_events: [] as never[] });
    expect(fake.requests({ method: "POST", path: `/v1/webhook_endpoints/${created.id}` }).at(-1)?.body).toEqual({});
    await expect(
      stripe.webhookEndpoints.update(created.id, { enabled_events: ["Not An Event" as never] }),
    ).rejects.toMatchObject({ statusCode: 400, param: "enabled_events[0]" });
    expect((await stripe.webhookEndpoints.retrieve(created.id)).enabled_events).toEqual(["charge.dispute.closed"]);
  });

  it("keeps the secret for the fake's own deliveries and records the form-encoded request", async () => {
    const created = await sdk().webhookEndpoints.create({ url: "https://x.test/h", enabled_events: ["invoice.paid"] });
    expect(fake.webhookEndpoints(ACCOUNT)[0]?.secret).toBe(created.secret);
    const [request] = fake.requests({ method: "POST", path: "/v1/webhook_endpoints" });
    expect(request).toMatchObject({
      apiKey: SECRET_KEY,
      accountId: ACCOUNT,
      route: "webhook_endpoints.create",
      status: 200,
      body: { url: "https://x.test/h", enabled_events: ["invoice.paid"] },
    });
  });

  it("separates test and live mode endpoints", async () => {
    await sdk(LIVE_KEY).webhookEndpoints.create({ url: "https://x.test/live", enabled_events: ["*"] });
    expect((await sdk().webhookEndpoints.list()).data).toEqual([]);
    expect((await sdk(LIVE_KEY).webhookEndpoints.list()).data[0]?.livemode).toBe(true);
  });

  it("enforces Stripe's limit of 16 endpoints per mode", async () => {
    const stripe = sdk();
    for (let i = 0; i < 16; i++) {
      await stripe.webhookEndpoints.create({ url: `https://x.test/${i}`, enabled_events: ["invoice.paid"] });
    }
    const error = await stripe.webhookEndpoints
      .create({ url: "https://x.test/17", enabled_events: ["invoice.paid"] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((error as Error).message).toBe("You have reached the maximum of 16 test webhook endpoints.");
    // Pagination still sees all 16, newest first.
    const page = await stripe.webhookEndpoints.list({ limit: 10 });
    expect(page.has_more).toBe(true);
    expect(page.data[0]?.url).toBe("https://x.test/15");
    const all = await stripe.webhookEndpoints.list({ limit: 10 }).autoPagingToArray({ limit: 100 });
    expect(all).toHaveLength(16);
    // The other mode still has room.
    await sdk(LIVE_KEY).webhookEndpoints.create({ url: "https://x.test/live", enabled_events: ["*"] });
  });

  it("fails a create on purpose, leaving nothing behind, even with the SDK's default retries", async () => {
    fake.failNext({ method: "POST", path: "/v1/webhook_endpoints", action: { kind: "error", status: 500 } });
    await expect(
      sdk().webhookEndpoints.create({ url: "https://x.test/h", enabled_events: ["invoice.paid"] }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(fake.webhookEndpoints(ACCOUNT)).toEqual([]);
    expect(fake.requests({ method: "POST" })[0]?.injected).toMatch(/^fail_/);
    await sdk().webhookEndpoints.create({ url: "https://x.test/h", enabled_events: ["invoice.paid"] });
    expect(fake.webhookEndpoints(ACCOUNT)).toHaveLength(1);
  });

  it("replays an idempotent POST instead of creating twice", async () => {
    const stripe = sdk();
    const params = { url: "https://x.test/h", enabled_events: ["invoice.paid" as const] };
    const first = await stripe.webhookEndpoints.create(params, { idempotencyKey: "create-int-1" });
    const second = await stripe.webhookEndpoints.create(params, { idempotencyKey: "create-int-1" });
    expect(second.id).toBe(first.id);
    expect(fake.webhookEndpoints(ACCOUNT)).toHaveLength(1);
  });

  it("answers 400 for bad input instead of crashing", async () => {
    const stripe = sdk();
    await expect(
      stripe.webhookEndpoints.create({ url: "not a url", enabled_events: ["invoice.paid"] }),
    ).rejects.toMatchObject({
      statusCode: 400,
      param: "url",
    });
    await expect(
      stripe.webhookEndpoints.create({ url: "https://x.test", enabled_events: [] as never[] }),
    ).rejects.toMatchObject({ statusCode: 400, code: "parameter_missing" });
    await expect(
      stripe.webhookEndpoints.create({ url: "https://x.test", enabled_events: ["invoice.paid"], bogus: 1 } as never),
    ).rejects.toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "bogus" });
    const raw = await fetch(`${fake.url}/v1/webhook_endpoints`, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET_KEY}`, "content-type": "application/x-www-form-urlencoded" },
      body: "enabled_events[=x&url[a]=1&url=2",
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ error: { type: "invalid_request_error" } });
    const unknown = await fetch(`${fake.url}/v1/nothing_here`, { headers: { authorization: `Bearer ${SECRET_KEY}` } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
      /^Unrecognized request URL/,
    );
  });
});

describe("failure modes", () => {
  it("hangs until the SDK times out, and drops connections", async () => {
    fake.failNext({ path: "/v1/charges", action: { kind: "hang" } });
    const error = await sdk(SECRET_KEY, { timeout: 200, maxNetworkRetries: 0 })
      .charges.retrieve("ch_any")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);

    // stripe-node retries a dropped connection once by itself; two resets make the call fail.
    fake.failNext({ path: "/v1/webhook_endpoints", count: 2, action: { kind: "reset" } });
    await expect(sdk(SECRET_KEY, { maxNetworkRetries: 0 }).webhookEndpoints.list()).rejects.toBeInstanceOf(
      Stripe.errors.StripeConnectionError,
    );
    expect(fake.requests({ path: "/v1/webhook_endpoints" }).map((r) => [r.route, r.status])).toEqual([
      ["webhook_endpoints.list", null],
      ["webhook_endpoints.list", null],
    ]);
  });

  it("answers 429 as a rate_limit_error and supports seeded chaos", async () => {
    fake.failNext({ action: { kind: "error", status: 429 } });
    await expect(sdk().webhookEndpoints.list()).rejects.toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    fake.setChaos({
      seed: 1,
      outcomes: [{ probability: 1, action: { kind: "error", status: 503, shouldRetry: false } }],
    });
    await expect(sdk().webhookEndpoints.list()).rejects.toMatchObject({ statusCode: 503 });
    fake.clearFailures();
    expect((await sdk().webhookEndpoints.list()).data).toEqual([]);
  });
});

describe("authentication and permissions", () => {
  it("answers 401 with a redacted key for an unknown key", async () => {
    const error = await sdk("sk_test_doesNotExist9999")
      .webhookEndpoints.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(401);
    expect((error as Error).message).toMatch(/^Invalid API Key provided: sk_test_\*+9999$/);
    expect((error as Error).message).not.toContain("doesNotExist");
  });

  it("answers 403 naming the missing permission for a restricted key", async () => {
    const restricted = sdk(READ_ONLY_KEY);
    expect((await restricted.webhookEndpoints.list({ limit: 100 })).data).toEqual([]);
    const error = await restricted.webhookEndpoints
      .create({ url: "https://x.test/h", enabled_events: ["invoice.paid"] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^The provided key 'rk_test_\*+4321' does not have the required permissions for this endpoint/,
    );
    expect(message).toContain(
      `on account '${ACCOUNT}'. Having the 'rak_webhook_write' permission would allow this request to continue.`,
    );
    expect(message).not.toContain("noWebhookWrite");
  });

  it("lets a test choose which permission a route needs and which a key lacks", async () => {
    const custom = await startFakeStripe({
      requiredPermissions: { "webhook_endpoints.list": "rak_webhook_endpoint_read" },
    });
    try {
      const account = custom.addAccount({
        keys: [{ kind: "restricted", missingPermissions: ["rak_webhook_endpoint_read"] }],
      });
      const key = account.keys[0]?.key as string;
      expect(key).toMatch(/^rk_test_/);
      await expect(custom.client(key).webhookEndpoints.list()).rejects.toThrow(/'rak_webhook_endpoint_read'/);
    } finally {
      await custom.close();
    }
  });
});

describe("seeded objects", () => {
  it("finds the invoice of a payment intent and expands its promotion code", async () => {
    const promo = buildPromotionCode({ code: "WELCOME10" });
    const discount = buildDiscount({ promotionCode: promo.id });
    const invoice = buildPaidInvoice({
      billingReason: "subscription_create",
      amountPaid: 9000,
      discounts: [{ discount: discount.id, amount: 1000 }],
      subscriptionMetadata: { impact_click_id: "click-1" },
      lines: [{ amount: 10000, metadata: { irclickid: "line-click" } }],
    });
    const payment = buildInvoicePayment({ invoice, paymentIntent: "pi_1Refunded0000000000000000" });
    fake.seed(ACCOUNT, promo, discount, invoice, payment);
    const stripe = sdk();

    const payments = await stripe.invoicePayments.list({
      payment: { type: "payment_intent", payment_intent: "pi_1Refunded0000000000000000" },
    });
    expect(payments.data.map((item) => item.invoice)).toEqual([invoice.id]);
    expect(
      (await stripe.invoicePayments.list({ payment: { type: "payment_intent", payment_intent: "pi_other" } })).data,
    ).toEqual([]);

    const read = await stripe.invoices.retrieve(invoice.id, { expand: ["discounts.promotion_code"] });
    expect(read.parent?.subscription_details?.metadata).toEqual({ impact_click_id: "click-1" });
    expect(read.lines.data[0]?.metadata).toEqual({ irclickid: "line-click" });
    expect(read.status_transitions.paid_at).toBe(invoice.status_transitions.paid_at);
    expect(read.total_discount_amounts).toEqual([{ amount: 1000, discount: discount.id }]);
    const expanded = read.discounts[0] as Stripe.Discount;
    expect((expanded.promotion_code as Stripe.PromotionCode).code).toBe("WELCOME10");
    expect((await stripe.promotionCodes.retrieve(promo.id)).code).toBe("WELCOME10");
  });

  it("serves checkout sessions by subscription and payment intent, and line items with expanded products", async () => {
    const product = buildProduct({ name: "Hoodie" });
    const paymentSession = buildCheckoutSession({ mode: "payment", metadata: { impact_click_id: "abc" } });
    const subscriptionSession = buildCheckoutSession({
      mode: "subscription",
      subscription: "sub_1FromCheckout00000000000",
    });
    fake.seedCheckoutSession(ACCOUNT, paymentSession, [
      buildCheckoutLineItem({ product: product.id, unitAmount: 2500, quantity: 2 }),
    ]);
    fake.seed(ACCOUNT, product, subscriptionSession);
    const stripe = sdk();

    const bySubscription = await stripe.checkout.sessions.list({ subscription: "sub_1FromCheckout00000000000" });
    expect(bySubscription.data.map((session) => session.id)).toEqual([subscriptionSession.id]);
    const byPaymentIntent = await stripe.checkout.sessions.list({
      payment_intent: paymentSession.payment_intent as string,
    });
    expect(byPaymentIntent.data[0]?.metadata).toEqual({ impact_click_id: "abc" });
    expect(paymentSession.id).toHaveLength(66);

    const items = await stripe.checkout.sessions.listLineItems(paymentSession.id, { expand: ["data.price.product"] });
    expect(items.data).toHaveLength(1);
    expect(items.data[0]).toMatchObject({ amount_total: 5000, quantity: 2 });
    expect((items.data[0]!.price!.product as Stripe.Product).name).toBe("Hoodie");
    const plain = await stripe.checkout.sessions.listLineItems(paymentSession.id);
    expect(plain.data[0]?.price?.product).toBe(product.id);

    const withItems = await stripe.checkout.sessions.retrieve(paymentSession.id, { expand: ["line_items"] });
    expect(withItems.line_items?.data).toHaveLength(1);
    expect((await stripe.checkout.sessions.retrieve(paymentSession.id)).line_items).toBeUndefined();
  });

  it("serves charges, customers and subscriptions, and re-seeding replaces (a refund grows)", async () => {
    const charge = buildCharge({ amount: 5000, amountRefunded: 1000, paymentIntent: "pi_1Charge000000000000000000" });
    const customer = buildCustomer({ metadata: { im_ref: "cust-click" } });
    const subscription = buildSubscription({ customer: customer.id, metadata: { plan: "pro" } });
    fake.seed(ACCOUNT, charge, customer, subscription);
    const stripe = sdk();

    expect(await stripe.charges.retrieve(charge.id)).toMatchObject({
      amount: 5000,
      amount_refunded: 1000,
      refunded: false,
      payment_intent: "pi_1Charge000000000000000000",
      currency: "usd",
    });
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({
      metadata: { im_ref: "cust-click" },
    });
    expect((await stripe.subscriptions.retrieve(subscription.id)).metadata).toEqual({ plan: "pro" });

    fake.seed(ACCOUNT, buildCharge({ id: charge.id, amount: 5000, amountRefunded: 5000 }));
    expect(await stripe.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 5000, refunded: true });
  });

  it("answers Stripe's 404s, including the other-mode hint", async () => {
    const stripe = sdk();
    await expect(stripe.charges.retrieve("ch_missing")).rejects.toMatchObject({
      statusCode: 404,
      message: "No such charge: 'ch_missing'",
    });
    const live = buildCharge({ livemode: true });
    fake.seed(ACCOUNT, live);
    await expect(stripe.charges.retrieve(live.id)).rejects.toThrow(/a similar object exists in live mode/);
    expect((await sdk(LIVE_KEY).charges.retrieve(live.id)).id).toBe(live.id);
  });
});

describe("subscription invoices and chargebacks", () => {
  it("lists a subscription's invoices by status, newest first, page by page and with for await", async () => {
    const subscription = "sub_1Ordering0000000000000000";
    const base = 1_800_000_000;
    const paid = Array.from({ length: 12 }, (_, i) =>
      buildPaidInvoice({
        subscription,
        billingReason: i === 0 ? "subscription_create" : "subscription_cycle",
        amountPaid: i === 0 ? 0 : 2000,
        created: base + i * 30 * 24 * 3600,
        paidAt: base + i * 30 * 24 * 3600 + 60,
      }),
    );
    const open = buildPaidInvoice(
      { subscription, billingReason: "subscription_cycle", created: base + 12 * 30 * 24 * 3600 },
      { status: "open", amount_paid: 0, amount_remaining: 2000 },
    );
    const otherSubscription = buildPaidInvoice({ subscription: "sub_1Other000000000000000000", created: base });
    const oneOff = buildPaidInvoice({ subscription: null, created: base });
    const live = buildPaidInvoice({ subscription, livemode: true, created: base });
    // Seeded out of order: the list sorts by created, not by insertion.
    fake.seed(ACCOUNT, ...[...paid].reverse().slice(0, 6), open, otherSubscription, oneOff, live, ...paid.slice(0, 6));
    const stripe = sdk();
    const newestFirst = [...paid].reverse().map((invoice) => invoice.id);

    const firstPage = await stripe.invoices.list({ subscription, status: "paid", limit: 5 });
    expect(firstPage).toMatchObject({ object: "list", has_more: true, url: "/v1/invoices" });
    expect(firstPage.data.map((invoice) => invoice.id)).toEqual(newestFirst.slice(0, 5));
    const secondPage = await stripe.invoices.list({
      subscription,
      status: "paid",
      limit: 5,
      starting_after: firstPage.data.at(-1)?.id,
    });
    expect(secondPage.data.map((invoice) => invoice.id)).toEqual(newestFirst.slice(5, 10));
    expect(secondPage.has_more).toBe(true);

    const all: Stripe.Invoice[] = [];
    for await (const invoice of stripe.invoices.list({ subscription, status: "paid", limit: 5 })) all.push(invoice);
    expect(all.map((invoice) => invoice.id)).toEqual(newestFirst);
    expect(fake.requests({ path: "/v1/invoices" }).filter((r) => r.route === "invoices.list")).toHaveLength(5);
    // What the first-paid-invoice rule reads, exactly as seeded.
    const trial = all.at(-1) as Stripe.Invoice;
    expect(trial).toMatchObject({
      id: paid[0]?.id,
      amount_paid: 0,
      billing_reason: "subscription_create",
      status_transitions: { paid_at: base + 60 },
      parent: { subscription_details: { subscription } },
    });
    expect(trial.lines.data).toHaveLength(1);

    const everyStatus = await stripe.invoices.list({ subscription, limit: 100 });
    expect(everyStatus.data.map((invoice) => invoice.id)).toEqual([open.id, ...newestFirst]);
    expect((await stripe.invoices.list({ subscription, status: "open" })).data.map((i) => i.id)).toEqual([open.id]);
    expect((await stripe.invoices.list({ subscription: "sub_1Nothing00000000000000000" })).data).toEqual([]);
    expect((await sdk(LIVE_KEY).invoices.list({ subscription })).data.map((i) => i.id)).toEqual([live.id]);
    // Without a subscription filter the one-off invoice is there too.
    expect((await stripe.invoices.list({ limit: 100 })).data.map((i) => i.id)).toContain(oneOff.id);
    await expect(stripe.invoices.list({ subscription, status: "refunded" as never })).rejects.toMatchObject({
      statusCode: 400,
      param: "status",
    });
    await expect(stripe.invoices.list({ subscription, limit: 101 })).rejects.toMatchObject({ statusCode: 400 });
  });

  it("lists a charge's disputes and retrieves one; charge.dispute.closed events carry them", async () => {
    const charge = buildCharge({ amount: 5000, amountRefunded: 1000, disputed: true });
    const lost = buildDispute({ charge, amount: 3000, status: "lost", created: 1_800_000_100 });
    const inquiry = buildDispute({ charge, amount: 1000, status: "warning_closed", created: 1_800_000_000 });
    const elsewhere = buildDispute({ charge: buildCharge(), status: "won" });
    fake.seed(ACCOUNT, charge, lost, inquiry, elsewhere);
    const stripe = sdk();

    const disputes = await stripe.disputes.list({ charge: charge.id });
    expect(disputes).toMatchObject({ object: "list", has_more: false, url: "/v1/disputes" });
    expect(disputes.data.map((dispute) => [dispute.id, dispute.status, dispute.amount])).toEqual([
      [lost.id, "lost", 3000],
      [inquiry.id, "warning_closed", 1000],
    ]);
    const paged = await stripe.disputes.list({ charge: charge.id, limit: 1 }).autoPagingToArray({ limit: 10 });
    expect(paged.map((dispute) => dispute.id)).toEqual([lost.id, inquiry.id]);
    expect(
      (await stripe.disputes.list({ payment_intent: charge.payment_intent as string })).data.map((d) => d.id),
    ).toEqual([lost.id, inquiry.id]);
    expect((await stripe.disputes.list({ charge: "ch_1NoDisputes0000000000000" })).data).toEqual([]);

    const read = await stripe.disputes.retrieve(lost.id);
    expect(read).toMatchObject({
      object: "dispute",
      charge: charge.id,
      payment_intent: charge.payment_intent,
      currency: "usd",
      amount: 3000,
      status: "lost",
      is_charge_refundable: false,
    });
    const expanded = await stripe.disputes.retrieve(lost.id, { expand: ["charge"] });
    expect((expanded.charge as Stripe.Charge).amount_refunded).toBe(1000);
    await expect(stripe.disputes.retrieve("dp_missing")).rejects.toMatchObject({
      statusCode: 404,
      message: "No such dispute: 'dp_missing'",
    });

    const event = buildEvent("charge.dispute.closed", lost);
    fake.seedEvents(ACCOUNT, event);
    const listed = await stripe.events.list({ type: "charge.dispute.closed" });
    expect(listed.data.map((item) => item.id)).toEqual([event.id]);
    expect(listed.data[0]?.data.object).toMatchObject({ object: "dispute", id: lost.id, status: "lost" });
  });

  it("serves client_reference_id on checkout sessions listed by subscription and retrieved", async () => {
    const subscription = "sub_1PaymentLink0000000000000";
    const withReference = buildCheckoutSession({ mode: "subscription", subscription, clientReferenceId: "irclk_42" });
    const without = buildCheckoutSession({ mode: "payment" });
    fake.seed(ACCOUNT, withReference, without);
    const stripe = sdk();

    const sessions = await stripe.checkout.sessions.list({ subscription });
    expect(sessions.data.map((session) => [session.id, session.client_reference_id])).toEqual([
      [withReference.id, "irclk_42"],
    ]);
    expect((await stripe.checkout.sessions.retrieve(withReference.id)).client_reference_id).toBe("irclk_42");
    expect((await stripe.checkout.sessions.retrieve(without.id)).client_reference_id).toBeNull();
  });
});

describe("events", () => {
  it("lists newest first with created range, types filter and pagination", async () => {
    const base = 1_800_000_000;
    const events = Array.from({ length: 25 }, (_, i) =>
      i % 5 === 0
        ? buildEvent("charge.refunded", buildCharge(), { created: base + i * 60 })
        : buildEvent("invoice.paid", buildPaidInvoice(), { created: base + i * 60 }),
    );
    fake.seedEvents(ACCOUNT, ...events);
    const stripe = sdk();

    const firstPage = await stripe.events.list({ limit: 10 });
    expect(firstPage.has_more).toBe(true);
    expect(firstPage.data[0]?.id).toBe(events[24]?.id);

    const all = await stripe.events
      .list({ created: { gte: base + 5 * 60, lte: base + 19 * 60 }, types: ["invoice.paid"], limit: 3 })
      .autoPagingToArray({ limit: 100 });
    const expected = events
      .filter((event, i) => i >= 5 && i <= 19 && event.type === "invoice.paid")
      .map((event) => event.id)
      .reverse();
    expect(all.map((event) => event.id)).toEqual(expected);

    const retrieved = await stripe.events.retrieve(events[3]?.id as string);
    expect(retrieved.type).toBe("invoice.paid");
    expect(retrieved.api_version).toBe(Stripe.API_VERSION);
    await expect(stripe.events.list({ type: "invoice.paid", types: ["charge.refunded"] })).rejects.toMatchObject({
      statusCode: 400,
    });
  });
});

describe("webhook deliveries", () => {
  let receiver: http.Server;
  let receiverUrl: string;
  const received: Array<{ path: string; event: Stripe.Event }> = [];
  let secretsByPath: Record<string, string> = {};

  beforeAll(async () => {
    // A stand-in for the portal's intake: verify with the endpoint's secret, like the real route does.
    receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        try {
          const secret = secretsByPath[req.url ?? ""] ?? "";
          const event = sdk().webhooks.constructEvent(body, req.headers["stripe-signature"] ?? "", secret, 300);
          received.push({ path: req.url ?? "", event });
          res.writeHead(200).end("ok");
        } catch {
          res.writeHead(400).end("bad signature");
        }
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    secretsByPath = {};
  });

  it("signs with generateTestHeaderString so constructEvent accepts it, and rejects tampering", () => {
    const event = buildEvent("invoice.paid", buildPaidInvoice());
    const signed = signStripeWebhook({ payload: event, secret: "whsec_test_secret" });
    const verified = sdk().webhooks.constructEvent(
      signed.body,
      signed.headers["stripe-signature"],
      "whsec_test_secret",
    );
    expect(verified.id).toBe(event.id);
    expect(() =>
      sdk().webhooks.constructEvent(
        signed.body.replace("invoice.paid", "invoice.void"),
        signed.headers["stripe-signature"],
        "whsec_test_secret",
      ),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    const stale = signStripeWebhook({
      payload: event,
      secret: "whsec_test_secret",
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect(() =>
      sdk().webhooks.constructEvent(stale.body, stale.headers["stripe-signature"], "whsec_test_secret", 300),
    ).toThrow(/timestamp outside the tolerance zone/i);
  });

  it("sends an event to every matching enabled endpoint of the account, signed with each secret", async () => {
    const stripe = sdk();
    const wanted = await stripe.webhookEndpoints.create({ url: `${receiverUrl}/a`, enabled_events: ["invoice.paid"] });
    const everything = await stripe.webhookEndpoints.create({ url: `${receiverUrl}/b`, enabled_events: ["*"] });
    const otherType = await stripe.webhookEndpoints.create({
      url: `${receiverUrl}/c`,
      enabled_events: ["charge.refunded"],
    });
    const disabled = await stripe.webhookEndpoints.create({
      url: `${receiverUrl}/d`,
      enabled_events: ["invoice.paid"],
    });
    await stripe.webhookEndpoints.update(disabled.id, { disabled: true });
    secretsByPath = {
      "/a": wanted.secret as string,
      "/b": everything.secret as string,
      "/c": otherType.secret as string,
    };

    const event = buildEvent("invoice.paid", buildPaidInvoice());
    const deliveries = await fake.sendEvent(ACCOUNT, event);
    expect(deliveries.map((d) => [d.endpointId, d.status])).toEqual([
      [wanted.id, 200],
      [everything.id, 200],
    ]);
    expect(received.map((r) => r.path).sort()).toEqual(["/a", "/b"]);
    expect(received[0]?.event.id).toBe(event.id);
    expect(fake.deliveries()).toHaveLength(2);
    // The event is also in the account's log, as Stripe's events list would show it.
    expect((await stripe.events.retrieve(event.id)).id).toBe(event.id);
  });

  it("records an unreachable endpoint as a failed delivery", async () => {
    await sdk().webhookEndpoints.create({ url: "http://127.0.0.1:1/nothing", enabled_events: ["*"] });
    const [delivery] = await fake.sendEvent(ACCOUNT, buildEvent("charge.refunded", buildCharge()), { timeoutMs: 2000 });
    expect(delivery?.status).toBeNull();
    expect(delivery?.error).toBeTruthy();
  });
});
