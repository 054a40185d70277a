// The demo stream's schedule (`npm run demo`): what happens in the demo shop after an integration is
// created, step by step. Every kind of event and every outcome the portal shows happens in the first
// ~35 s, so with the demo's delays (impact.com completes in 8 s, the first outcome read after 10 s,
// REFUND_DELAY 20 s, retries from 5 s) each status is on screen within a minute; renewals, a new
// subscription and another sale keep the dashboard moving for four more minutes.
import {
  type DemoStep,
  lostDispute,
  oneTimeCheckout,
  refund,
  type StoryClock,
  subscriber,
} from "@/testing/fakes/stripe/demo-orders";

/** impact.com's verdict on the one conversion it refuses: the click id the shop stored had expired. */
export const DEMO_REJECTION = { errorType: "Validation", errorReason: "CLICK_ID_EXPIRED" } as const;
/** The one conversion whose first two sends fail: impact.com answers 500 twice, then takes it. */
export const DEMO_FLAKY_FAILURES = { failures: 2, status: 500 } as const;

/**
 * The steps in time order, for a stream started at `startSeconds` (Unix seconds): fresh ids on every
 * call, so two streams never share an order. Step times are distinct whole seconds, so the story's
 * invoices are ordered by paid_at exactly as written, at any time scale.
 */
export function buildDemoScenario(startSeconds: number): DemoStep[] {
  const clock: StoryClock = (at) => startSeconds + at;

  // A subscription through Checkout: the click id is on the checkout session, where most shops keep it.
  const ada = subscriber(
    clock,
    { name: "Ada Lovelace", email: "ada@example.com" },
    { unitAmount: 4900, currency: "usd", clickId: { place: "checkout_session", value: "irclk-ada-7Hq2" } },
  );
  // No click id anywhere: sent with CustomerId only (impact.com attributes it through the customer).
  const ben = subscriber(
    clock,
    { name: "Ben Okafor", email: "ben@example.com" },
    { unitAmount: 1900, currency: "usd" },
  );
  const chloe = subscriber(
    clock,
    { name: "Chloé Martin", email: "chloe@example.com" },
    { unitAmount: 2900, currency: "usd", clickId: { place: "customer", value: "irclk-chloe-9Lm4" } },
  );
  const greta = subscriber(
    clock,
    { name: "Greta Lind", email: "greta@example.com" },
    { unitAmount: 3900, currency: "usd", clickId: { place: "customer", value: "irclk-greta-expired" } },
  );
  const hugo = subscriber(
    clock,
    { name: "Hugo Silva", email: "hugo@example.com" },
    { unitAmount: 5900, currency: "usd", clickId: { place: "subscription_details", value: "irclk-hugo-3Rt8" } },
  );
  const iris = subscriber(
    clock,
    { name: "Iris Novak", email: "iris@example.com" },
    { unitAmount: 9900, currency: "usd", clickId: { place: "customer", value: "irclk-iris-5Kd1" } },
  );
  // Kuwaiti dinars have three decimals: 12500 fils is KWD 12.500.
  const faisal = subscriber(
    clock,
    { name: "Faisal Al-Sabah", email: "faisal@example.com" },
    { unitAmount: 12500, currency: "kwd", clickId: { place: "invoice_line", value: "irclk-faisal-2Wp6" } },
  );
  const jonas = subscriber(
    clock,
    { name: "Jonas Weber", email: "jonas@example.com" },
    { unitAmount: 2900, currency: "eur", clickId: { place: "checkout_session", value: "irclk-jonas-8Zc3" } },
  );

  const adaFirst = ada.invoicePaid({
    at: 2,
    key: "subscription-with-click-id",
    title: "Ada subscribes for $49.00 a month (click id on her checkout session)",
    billingReason: "subscription_create",
  });
  const dora = oneTimeCheckout(clock, {
    at: 3,
    key: "checkout-with-promotion-code",
    title: "Dora buys a jacket and two T-shirts with promotion code SPRING20 ($100.00 − $20.00)",
    person: { name: "Dora Reyes", email: "dora@example.com" },
    currency: "usd",
    items: [
      { product: "Rain jacket", unitAmount: 6000, discount: 1200 },
      { product: "T-shirt", unitAmount: 2000, quantity: 2, discount: 800 },
    ],
    promotionCode: "SPRING20",
    clickId: { place: "checkout_session", value: "irclk-dora-4Fv7" },
  });
  // Yen have no minor unit: 12000 is ¥12,000.
  const emi = oneTimeCheckout(clock, {
    at: 5,
    key: "checkout-in-yen",
    title: "Emi pays ¥12,000 for a year of the Pro plan",
    person: { name: "Emi Tanaka", email: "emi@example.com" },
    currency: "jpy",
    items: [{ product: "Pro plan, 1 year", unitAmount: 12000 }],
    clickId: { place: "customer", value: "irclk-emi-6Gn2" },
  });
  const irisFirst = iris.invoicePaid({
    at: 7,
    key: "subscription-later-disputed",
    title: "Iris subscribes for $99.00 a month",
    billingReason: "subscription_create",
  });

  return [
    ada.checkout({
      at: 1,
      key: "subscription-checkout",
      title: "Ada completes a subscription checkout (no money in it: her invoice carries it)",
    }),
    adaFirst,
    dora,
    greta.invoicePaid({
      at: 4,
      key: "rejected-by-impact",
      title: "Greta subscribes for $39.00 a month with a click id that has expired",
      billingReason: "subscription_create",
      impact: (orderId) => ({ kind: "reject", orderId, ...DEMO_REJECTION }),
    }),
    emi,
    hugo.invoicePaid({
      at: 6,
      key: "fails-twice-then-delivered",
      title: "Hugo subscribes for $59.00 a month while impact.com has a bad minute (two 500s)",
      billingReason: "subscription_create",
      impact: (orderId) => ({ kind: "fail-then-accept", orderId, ...DEMO_FLAKY_FAILURES }),
    }),
    irisFirst,
    chloe.invoicePaid({
      at: 8,
      key: "trial-starts",
      title: "Chloé starts a 14-day free trial ($0 invoice: nothing to attribute)",
      billingReason: "subscription_create",
      amountPaid: 0,
    }),
    faisal.invoicePaid({
      at: 10,
      key: "subscription-in-dinars",
      title: "Faisal subscribes for KWD 12.500 a month (click id on the invoice line)",
      billingReason: "subscription_create",
    }),
    ben.invoicePaid({
      at: 12,
      key: "subscription-without-click-id",
      title: "Ben subscribes for $19.00 a month (no click id anywhere)",
      billingReason: "subscription_create",
    }),
    refund(clock, {
      at: 15,
      key: "partial-refund",
      title: "Dora returns a T-shirt: $30.00 of $80.00 refunded",
      charge: dora.charge,
      amountRefunded: 3000,
    }),
    refund(clock, {
      at: 18,
      key: "full-refund",
      title: "Emi asks for her money back: ¥12,000 refunded in full",
      charge: emi.charge,
      amountRefunded: 12000,
    }),
    lostDispute(clock, {
      at: 21,
      key: "dispute-lost",
      title: "Iris's bank wins her chargeback: the $99.00 are taken back",
      charge: irisFirst.charge,
    }),
    chloe.invoicePaid({
      at: 28,
      key: "trial-converts",
      title: "Chloé's trial ends and she pays $29.00: her first paid invoice, sent as the first conversion",
      billingReason: "subscription_cycle",
    }),
    ben.invoicePaid({
      at: 34,
      key: "upgrade",
      title: "Ben upgrades mid-month: a prorated $15.00 invoice, sent as recurring",
      billingReason: "subscription_update",
      amountPaid: 1500,
      proration: true,
    }),
    // After the first minute: the shop keeps selling.
    ada.invoicePaid({
      at: 70,
      key: "renewal",
      title: "Ada's subscription renews: $49.00",
      billingReason: "subscription_cycle",
    }),
    jonas.checkout({ at: 99, key: "later-subscription-checkout", title: "Jonas completes a subscription checkout" }),
    jonas.invoicePaid({
      at: 100,
      key: "later-subscription",
      title: "Jonas subscribes for €29.00 a month",
      billingReason: "subscription_create",
    }),
    faisal.invoicePaid({
      at: 130,
      key: "renewal-in-dinars",
      title: "Faisal's subscription renews: KWD 12.500",
      billingReason: "subscription_cycle",
    }),
    oneTimeCheckout(clock, {
      at: 160,
      key: "later-checkout",
      title: "Kai buys a gift card with promotion code WELCOME10 ($50.00 − $5.00)",
      person: { name: "Kai Müller", email: "kai@example.com" },
      currency: "usd",
      items: [{ product: "Gift card", unitAmount: 5000, discount: 500 }],
      promotionCode: "WELCOME10",
      clickId: { place: "checkout_session", value: "irclk-kai-1Bx9" },
    }),
    chloe.invoicePaid({
      at: 190,
      key: "renewal-after-trial",
      title: "Chloé's subscription renews: $29.00",
      billingReason: "subscription_cycle",
    }),
    hugo.invoicePaid({
      at: 220,
      key: "renewal-after-retries",
      title: "Hugo's subscription renews: $59.00",
      billingReason: "subscription_cycle",
    }),
    ben.invoicePaid({
      at: 250,
      key: "renewal-after-upgrade",
      title: "Ben's subscription renews on the bigger plan: $34.00",
      billingReason: "subscription_cycle",
      amountPaid: 3400,
    }),
  ];
}
