// SPEC §7's money rules end to end through intake and the local runner, against the fake Stripe (through
// the real SDK) and the fake impact.com: first or recurring by the subscription's paid invoices, one-off
// and $0 invoices, lost and won chargebacks converging with refunds, and Payment Links' client_reference_id.
import type Stripe from "stripe";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { LocalWorker } from "@/lib/server/deliveries/local-worker";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { DEFAULT_INTEGRATION } from "@/testing/db/default-integration";
import { parkActiveDeliveries, settleIntegration } from "@/testing/db/fast-forward";
import { createConnectedIntegration } from "@/testing/fakes/connected-integration";
import { useFakes } from "@/testing/fakes/use-fakes";
import {
  buildCharge,
  buildCheckoutSession,
  buildCustomer,
  buildDispute,
  buildEvent,
  buildInvoicePayment,
  buildPaidInvoice,
} from "@/testing/stripe/builders";

beforeAll(() => {
  process.env.IMPACT_POLL_DELAY = "100ms";
});
const fakes = useFakes({ impact: { submissionTiming: { completeAfterMs: 0 } } });
beforeEach(parkActiveDeliveries);
const worker = new LocalWorker({ impactTimeoutMs: 1_000 });
const HOUR = 3_600;

async function setup(options: { clickIdFromClientReference?: boolean } = {}) {
  const { stripeAccount, integration } = await createConnectedIntegration(fakes);
  if (options.clickIdFromClientReference) {
    await prisma.integration.update({ where: { id: integration.id }, data: { clickIdFromClientReference: true } });
  }
  const current = await prisma.integration.findUniqueOrThrow({ where: { id: integration.id } });
  const settle = () => settleIntegration(worker, integration.id);
  /** Stores the event as the webhook would, then lets time pass. */
  const receive = async (event: Stripe.Event) => {
    await storeStripeEvent(current, event, "webhook");
    await settle();
    return prisma.delivery.findFirstOrThrow({ where: { stripeEvent: { stripeEventId: event.id } } });
  };
  const seed = (...objects: Parameters<typeof fakes.stripe.seed>[1][]) =>
    fakes.stripe.seed(stripeAccount.id, ...objects);
  return { integration: current, stripeAccount, receive, settle, seed };
}

const sentConversions = () => fakes.impact.conversions().map((request) => request.params);
const invoiceListCalls = () => fakes.stripe.requests().filter((request) => request.path === "/v1/invoices").length;
const amounts = () => fakes.impact.actionUpdates().map((request) => request.params.Amount);

describe("first or recurring, by money", () => {
  it("skips a trial's $0 invoice, sends its first paid invoice as the first conversion, then renewals as recurring", async () => {
    const { receive, seed } = await setup();
    const t0 = Math.floor(Date.now() / 1000) - 40 * 24 * HOUR;
    const subscription = "sub_trial1";
    const trial = buildPaidInvoice({ subscription, billingReason: "subscription_create", amountPaid: 0, created: t0 });
    const firstPaid = buildPaidInvoice({
      subscription,
      billingReason: "subscription_cycle",
      amountPaid: 2900,
      created: t0 + 14 * 24 * HOUR,
    });
    const renewal = buildPaidInvoice({
      subscription,
      billingReason: "subscription_cycle",
      amountPaid: 2900,
      created: t0 + 44 * 24 * HOUR,
    });
    seed(trial, firstPaid);

    const skipped = await receive(buildEvent("invoice.paid", trial));
    expect(skipped).toMatchObject({ status: "skipped", subscriptionId: subscription });
    expect(skipped.skipReason).toMatch(/^nothing paid: amount_paid is 0/);

    const first = await receive(buildEvent("invoice.paid", firstPaid));
    expect(first).toMatchObject({
      status: "delivered",
      eventTypeId: DEFAULT_INTEGRATION.eventTypeId,
      subscriptionId: subscription,
      eventTypeRule: `first paid invoice of ${subscription}, after a trial`,
    });

    seed(renewal);
    const listsBefore = invoiceListCalls();
    const recurring = await receive(buildEvent("invoice.paid", renewal));
    expect(recurring).toMatchObject({ status: "delivered", eventTypeId: DEFAULT_INTEGRATION.recurringEventTypeId });
    expect(recurring.eventTypeRule).toBe(
      `a later paid invoice of ${subscription} (its first paid invoice ${firstPaid.id} is already recorded)`,
    );
    expect(invoiceListCalls()).toBe(listsBefore); // the portal's own record was conclusive
    expect(sentConversions().map((params) => [params.OrderId, params.EventTypeId])).toEqual([
      [firstPaid.id, DEFAULT_INTEGRATION.eventTypeId],
      [renewal.id, DEFAULT_INTEGRATION.recurringEventTypeId],
    ]);
  });

  it("asks Stripe when the integration is newer than the subscription: an old subscription's invoice is recurring", async () => {
    const { receive, seed } = await setup();
    const t0 = Math.floor(Date.now() / 1000) - 200 * 24 * HOUR;
    const subscription = "sub_old1";
    const history = [0, 1, 2].map((month) =>
      buildPaidInvoice({
        subscription,
        billingReason: month === 0 ? "subscription_create" : "subscription_cycle",
        amountPaid: 1000,
        created: t0 + month * 30 * 24 * HOUR,
      }),
    );
    // The latest one arrives as "subscription_create"-looking upgrade: billing_reason must not decide.
    const upgrade = buildPaidInvoice({
      subscription,
      billingReason: "subscription_update",
      amountPaid: 450,
      created: t0 + 95 * 24 * HOUR,
    });
    seed(...history, upgrade);

    const delivery = await receive(buildEvent("invoice.paid", upgrade));
    expect(delivery).toMatchObject({ status: "delivered", eventTypeId: DEFAULT_INTEGRATION.recurringEventTypeId });
    expect(delivery.eventTypeRule).toBe(
      `paid invoice 4 of ${subscription}, a prorated change of plan (its first paid invoice was ${history[0]!.id})`,
    );
  });

  it("sends threshold and manual invoices of a subscription as recurring, and skips a one-off invoice", async () => {
    const { receive, seed } = await setup();
    const t0 = Math.floor(Date.now() / 1000) - 60 * 24 * HOUR;
    const subscription = "sub_usage1";
    const first = buildPaidInvoice({
      subscription,
      billingReason: "subscription_create",
      amountPaid: 5000,
      created: t0,
    });
    const threshold = buildPaidInvoice({
      subscription,
      billingReason: "subscription_threshold",
      amountPaid: 1200,
      created: t0 + 10 * 24 * HOUR,
    });
    const manual = buildPaidInvoice({
      subscription,
      billingReason: "manual",
      amountPaid: 300,
      created: t0 + 20 * 24 * HOUR,
    });
    const oneOff = buildPaidInvoice({ subscription: null, amountPaid: 7000 });
    seed(first, threshold, manual, oneOff);

    expect((await receive(buildEvent("invoice.paid", threshold))).eventTypeRule).toBe(
      `paid invoice 2 of ${subscription}, a usage threshold invoice (its first paid invoice was ${first.id})`,
    );
    expect((await receive(buildEvent("invoice.paid", manual))).eventTypeId).toBe(
      DEFAULT_INTEGRATION.recurringEventTypeId,
    );
    const skipped = await receive(buildEvent("invoice.paid", oneOff));
    expect(skipped.status).toBe("skipped");
    expect(skipped.skipReason).toMatch(/^one-off invoice/);
    expect(sentConversions()).toHaveLength(2);
  });
});

describe("chargebacks", () => {
  async function paidOrder(amount = 4000) {
    const context = await setup();
    const invoice = buildPaidInvoice({ billingReason: "subscription_create", amountPaid: amount });
    const paymentIntent = `pi_${invoice.id.slice(3)}`;
    const charge = buildCharge({ amount, amountRefunded: 0, paymentIntent });
    context.seed(invoice, charge, buildInvoicePayment({ invoice, paymentIntent }));
    await context.receive(buildEvent("invoice.paid", invoice));
    return { ...context, invoice, charge, paymentIntent };
  }

  it("reverses the action when a dispute is lost in full, and changes nothing for a won one", async () => {
    const { receive, seed, charge } = await paidOrder();
    const won = buildDispute({ charge, status: "won" });
    seed(won);
    const skipped = await receive(buildEvent("charge.dispute.closed", won));
    expect(skipped).toMatchObject({ status: "skipped", kind: "modification" });
    expect(skipped.skipReason).toMatch(/^dispute won/);
    expect(amounts()).toEqual([]);

    const lost = buildDispute({ charge, status: "lost", amount: 4000 });
    seed(lost);
    const change = await receive(buildEvent("charge.dispute.closed", lost));
    expect(change).toMatchObject({ status: "delivered", kind: "modification", amount: "0" });
    expect(amounts()).toEqual(["0.00"]);
  });

  it("subtracts a lost partial dispute and a partial refund, in either order, and converges on replay", async () => {
    const { receive, settle, seed, charge, paymentIntent } = await paidOrder(10000);
    // 25.00 refunded, then 30.00 lost to a dispute: 45.00 of 100.00 remains.
    const refunded = buildCharge({ id: charge.id, amount: 10000, amountRefunded: 2500, paymentIntent });
    const lost = buildDispute({ charge: refunded, status: "lost", amount: 3000 });
    seed(refunded, lost);
    await receive(buildEvent("charge.dispute.closed", lost)); // the dispute's event first
    await receive(buildEvent("charge.refunded", refunded));
    expect(amounts()).toEqual(["45.00", "45.00"]);

    // A replay of the dispute's change sends the same remaining amount again.
    const { replayDelivery } = await import("@/lib/server/deliveries/replay-delivery");
    const change = await prisma.delivery.findFirstOrThrow({
      where: { kind: "modification", stripeEvent: { type: "charge.dispute.closed" }, status: "delivered" },
      orderBy: { createdAt: "desc" },
    });
    const scope = { role: "brand" as const, accountId: change.accountId };
    await replayDelivery(scope, change.id, { confirmSendAgain: true });
    await settle();
    expect(amounts()).toEqual(["45.00", "45.00", "45.00"]);
  });
});

describe("chargebacks, the other order", () => {
  it("sends the same remaining amount when the refund's event is processed before the lost dispute's", async () => {
    const { receive, seed } = await setup();
    const invoice = buildPaidInvoice({ billingReason: "subscription_create", amountPaid: 10000 });
    const paymentIntent = `pi_${invoice.id.slice(3)}`;
    const refunded = buildCharge({ amount: 10000, amountRefunded: 2500, paymentIntent });
    const lost = buildDispute({ charge: refunded, status: "lost", amount: 3000 });
    seed(invoice, refunded, lost, buildInvoicePayment({ invoice, paymentIntent }));
    await receive(buildEvent("invoice.paid", invoice));
    await receive(buildEvent("charge.refunded", refunded));
    await receive(buildEvent("charge.dispute.closed", lost));
    expect(amounts()).toEqual(["45.00", "45.00"]);
  });
});

describe("Click ID in client_reference_id (Payment Links)", () => {
  async function paymentLinkSubscription(option: boolean) {
    const { receive, seed, stripeAccount } = await setup({ clickIdFromClientReference: option });
    const customer = buildCustomer();
    const subscription = `sub_pl${option ? 1 : 0}${Date.now()}`;
    const session = buildCheckoutSession({
      mode: "subscription",
      subscription,
      clientReferenceId: "click-from-link",
      customer: customer.id,
    });
    fakes.stripe.seedCheckoutSession(stripeAccount.id, session);
    const invoice = buildPaidInvoice({
      subscription,
      billingReason: "subscription_create",
      customer: customer.id,
      amountPaid: 1500,
    });
    seed(customer, invoice);
    return receive(buildEvent("invoice.paid", invoice));
  }

  it("takes the click id from the creating session's client_reference_id when the option is on", async () => {
    const delivery = await paymentLinkSubscription(true);
    expect(delivery).toMatchObject({ status: "delivered", clickIdSource: "client_reference_id" });
    expect(sentConversions()[0]).toMatchObject({ ClickId: "click-from-link" });
  });

  it("never sends the shop's reference as a click id when the option is off", async () => {
    const delivery = await paymentLinkSubscription(false);
    expect(delivery.status).toBe("delivered");
    expect(delivery.clickIdSource).toBeNull();
    expect(sentConversions()[0]).not.toHaveProperty("ClickId");
  });

  it("reads a one-time checkout's own client_reference_id when the option is on", async () => {
    const { receive, stripeAccount } = await setup({ clickIdFromClientReference: true });
    const session = buildCheckoutSession({ mode: "payment", amountTotal: 3000, clientReferenceId: "click-one-time" });
    const { buildCheckoutLineItem } = await import("@/testing/stripe/builders/checkout");
    fakes.stripe.seedCheckoutSession(stripeAccount.id, session, [buildCheckoutLineItem({ unitAmount: 3000 })]);
    const delivery = await receive(buildEvent("checkout.session.completed", session));
    expect(delivery).toMatchObject({ status: "delivered", clickIdSource: "client_reference_id" });
    expect(sentConversions()[0]).toMatchObject({ ClickId: "click-one-time" });
  });
});
