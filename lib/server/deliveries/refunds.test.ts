// Refunds end to end through the local runner (SPEC §7): re-read the charge after the delay, find the
// original conversion, send the remaining amount; partial refunds converge; wait for an undelivered
// conversion; skip with the reason when the conversion was skipped.

import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { LocalWorker } from "@/lib/server/deliveries/local-worker";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildCharge } from "@/testing/stripe/builders/charge";
import { buildCheckoutLineItem, buildCheckoutSession } from "@/testing/stripe/builders/checkout";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildInvoicePayment, buildPaidInvoice } from "@/testing/stripe/builders/invoice";

const fakes = useFakes();
const worker = new LocalWorker({ impactTimeoutMs: 1_000 });
const TOKEN = "delivery-token-123";

async function setup() {
  const stripeAccount = fakes.stripe.addAccount({ keys: [{}] });
  const account = await createTestAccount();
  fakes.impact.addAccount({ sid: account.impactSid, authTokens: [TOKEN] });
  const { integration } = await createTestIntegration({
    accountId: account.id,
    stripeApiKey: stripeAccount.keys[0]!.key,
    impactAuthToken: TOKEN,
  });
  const dueNow = () =>
    prisma.delivery.updateMany({
      where: { integrationId: integration.id, status: { in: ["pending", "retrying"] } },
      data: { dueAt: new Date() },
    });
  const deliver = async (event: Stripe.Event) => {
    await storeStripeEvent(integration, event, "webhook");
    await dueNow(); // REFUND_DELAY has passed
    await worker.drain();
  };
  /** A paid subscription invoice whose PaymentIntent Stripe links back through invoice payments. */
  const paidInvoice = (amount: number, currency = "usd") => {
    const invoice = buildPaidInvoice({ billingReason: "subscription_create", amountPaid: amount, currency });
    const paymentIntent = `pi_${invoice.id.slice(3)}`;
    fakes.stripe.seed(stripeAccount.id, invoice, buildInvoicePayment({ invoice, paymentIntent }));
    return { invoice, paymentIntent };
  };
  /** Stripe's charge as it is when the delayed refund re-reads it. */
  const refund = (charge: {
    id: string;
    amount: number;
    amountRefunded: number;
    paymentIntent: string;
    currency?: string;
  }) => {
    const current = buildCharge({ ...charge, currency: charge.currency ?? "usd" });
    fakes.stripe.seed(stripeAccount.id, current);
    return buildEvent("charge.refunded", current);
  };
  return { integration, stripeAccount, deliver, dueNow, paidInvoice, refund };
}

const amounts = () => fakes.impact.actionUpdates().map((request) => request.params.Amount);

describe("refunds", () => {
  it("sends the remaining amount of a partially refunded subscription payment", async () => {
    const { deliver, paidInvoice, refund } = await setup();
    const { invoice, paymentIntent } = paidInvoice(5000);
    await deliver(buildEvent("invoice.paid", invoice));

    await deliver(refund({ id: "ch_partial", amount: 5000, amountRefunded: 1250, paymentIntent }));

    expect(fakes.impact.actionUpdates()).toHaveLength(1);
    expect(fakes.impact.actionUpdates()[0]!.params).toEqual({
      ActionTrackerId: "2001",
      OrderId: invoice.id,
      Amount: "37.50",
      Reason: "OTHER",
    });
  });

  it("converges over repeated partial refunds, whatever order the events are processed in", async () => {
    const { deliver, paidInvoice, refund } = await setup();
    const { invoice, paymentIntent } = paidInvoice(10000);
    await deliver(buildEvent("invoice.paid", invoice));
    const first = refund({ id: "ch_repeat", amount: 10000, amountRefunded: 2000, paymentIntent });
    const second = refund({ id: "ch_repeat", amount: 10000, amountRefunded: 5000, paymentIntent });
    // Both events are re-read after the delay, when Stripe already shows the cumulative 50.00 refunded.
    await deliver(first);
    await deliver(second);
    expect(amounts()).toEqual(["50.00", "50.00"]);
  });

  it("reverses the action (Amount 0) on a full refund, exact in three-decimal currencies", async () => {
    const { deliver, paidInvoice, refund } = await setup();
    const { invoice, paymentIntent } = paidInvoice(12345, "kwd");
    await deliver(buildEvent("invoice.paid", invoice));
    await deliver(refund({ id: "ch_kwd", amount: 12345, amountRefunded: 4115, paymentIntent, currency: "kwd" }));
    await deliver(refund({ id: "ch_kwd", amount: 12345, amountRefunded: 12345, paymentIntent, currency: "kwd" }));
    expect(amounts()).toEqual(["8.230", "0.000"]);
  });

  it("finds a one-time checkout's conversion by its PaymentIntent", async () => {
    const { deliver, stripeAccount, refund } = await setup();
    const session = buildCheckoutSession({ mode: "payment", amountTotal: 3000, paymentIntent: "pi_onetime1" });
    fakes.stripe.seedCheckoutSession(stripeAccount.id, session, [buildCheckoutLineItem({ unitAmount: 3000 })]);
    await deliver(buildEvent("checkout.session.completed", session));
    expect(fakes.impact.conversions()[0]!.params).toMatchObject({ OrderId: "pi_onetime1", ItemSubTotal1: "30.00" });

    await deliver(refund({ id: "ch_onetime", amount: 3000, amountRefunded: 1000, paymentIntent: "pi_onetime1" }));
    expect(fakes.impact.actionUpdates()[0]!.params).toMatchObject({
      OrderId: "pi_onetime1",
      Amount: "20.00",
      ActionTrackerId: "2001",
    });
  });

  it("waits for a conversion that is not delivered yet, then modifies it", async () => {
    const { integration, deliver, dueNow, paidInvoice, refund } = await setup();
    const { invoice, paymentIntent } = paidInvoice(4000);
    fakes.impact.failNext({ path: "Conversions", action: { kind: "error", status: 503 } });
    await deliver(buildEvent("invoice.paid", invoice)); // conversion now retrying
    await deliver(refund({ id: "ch_early", amount: 4000, amountRefunded: 4000, paymentIntent }));

    const waitingRefund = await prisma.delivery.findFirstOrThrow({
      where: { integrationId: integration.id, kind: "modification" },
    });
    expect(waitingRefund).toMatchObject({
      status: "pending",
      attemptCount: 0,
      lastError: `waiting for the original conversion ${invoice.id} to be delivered`,
    });
    expect(fakes.impact.actionUpdates()).toHaveLength(0);

    await dueNow();
    await worker.drain(); // the conversion goes first…
    await dueNow();
    await worker.drain(); // …then the refund
    expect(fakes.impact.conversions()).toHaveLength(1);
    expect(amounts()).toEqual(["0.00"]);
  });

  it("skips the refund of a conversion that was skipped, saying why", async () => {
    const { integration, deliver, stripeAccount, refund } = await setup();
    const invoice = buildPaidInvoice({ billingReason: "manual", amountPaid: 900 });
    fakes.stripe.seed(stripeAccount.id, invoice, buildInvoicePayment({ invoice, paymentIntent: "pi_manual1" }));
    await deliver(buildEvent("invoice.paid", invoice));
    await deliver(refund({ id: "ch_manual", amount: 900, amountRefunded: 900, paymentIntent: "pi_manual1" }));

    const refundDelivery = await prisma.delivery.findFirstOrThrow({
      where: { integrationId: integration.id, kind: "modification" },
    });
    expect(refundDelivery.status).toBe("skipped");
    expect(refundDelivery.skipReason).toMatch(
      new RegExp(`original conversion ${invoice.id} was skipped \\(billing_reason manual`),
    );
    expect(fakes.impact.requests({ path: "Actions" })).toHaveLength(0);
  });
});
