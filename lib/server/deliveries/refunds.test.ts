// Refunds end to end through the local runner (SPEC §7): re-read the charge after the delay, find the
// original conversion, send the remaining amount; partial refunds converge; wait for an undelivered
// conversion; skip with the reason when the conversion was skipped.

import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { LocalWorker } from "@/lib/server/deliveries/local-worker";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { makeIntegrationDue, settleIntegration } from "@/testing/db/fast-forward";
import { createConnectedIntegration } from "@/testing/fakes/connected-integration";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildCharge } from "@/testing/stripe/builders/charge";
import { buildCheckoutLineItem, buildCheckoutSession } from "@/testing/stripe/builders/checkout";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildInvoicePayment, buildPaidInvoice } from "@/testing/stripe/builders/invoice";

// impact.com completes each submission at once unless a test stalls or rejects it.
const fakes = useFakes({ impact: { submissionTiming: { completeAfterMs: 0 } } });
const worker = new LocalWorker({ impactTimeoutMs: 1_000 });

async function setup() {
  const { stripeAccount, integration } = await createConnectedIntegration(fakes);
  const dueNow = () => makeIntegrationDue(integration.id);
  const settle = (rounds?: number) => settleIntegration(worker, integration.id, rounds);
  const deliver = async (event: Stripe.Event) => {
    await storeStripeEvent(integration, event, "webhook");
    await dueNow(); // REFUND_DELAY has passed
    await worker.drain();
    await settle(2); // …and impact.com's outcome is read
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
  return { integration, stripeAccount, deliver, dueNow, settle, paidInvoice, refund };
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
    const { integration, dueNow, settle, paidInvoice, refund } = await setup();
    const { invoice, paymentIntent } = paidInvoice(4000);
    fakes.impact.failNext({ path: "Conversions", action: { kind: "error", status: 503 } });
    await storeStripeEvent(integration, buildEvent("invoice.paid", invoice), "webhook");
    await worker.drain(); // the conversion is now retrying
    await storeStripeEvent(
      integration,
      refund({ id: "ch_early", amount: 4000, amountRefunded: 4000, paymentIntent }),
      "webhook",
    );
    await prisma.delivery.updateMany({
      where: { integrationId: integration.id, kind: "modification" },
      data: { dueAt: new Date() },
    });
    await worker.drain();

    const waitingRefund = await prisma.delivery.findFirstOrThrow({
      where: { integrationId: integration.id, kind: "modification" },
    });
    expect(waitingRefund).toMatchObject({
      status: "pending",
      attemptCount: 0,
      lastError: `waiting for impact.com to confirm the original conversion ${invoice.id} (retrying)`,
    });
    expect(fakes.impact.actionUpdates()).toHaveLength(0);

    await dueNow();
    await settle(); // the conversion goes first, is confirmed, then the refund
    expect(fakes.impact.conversions()).toHaveLength(1);
    expect(amounts()).toEqual(["0.00"]);
  });

  it("holds the refund while impact.com is still processing the conversion, and sends it once it is Complete", async () => {
    const { integration, deliver, settle, paidInvoice, refund } = await setup();
    const { invoice, paymentIntent } = paidInvoice(4000);
    // impact.com takes a moment with this one: the first read finds it In Progress.
    fakes.impact.setSubmissionTiming({ inProgressAfterMs: 0, completeAfterMs: 600 });
    await deliver(buildEvent("invoice.paid", invoice));
    const conversion = await prisma.delivery.findFirstOrThrow({
      where: { integrationId: integration.id, kind: "conversion" },
    });
    expect(conversion.status).toBe("sent"); // queued, In Progress at impact.com

    await deliver(refund({ id: "ch_held", amount: 4000, amountRefunded: 1000, paymentIntent }));
    const held = await prisma.delivery.findFirstOrThrow({
      where: { integrationId: integration.id, kind: "modification" },
    });
    expect(held.lastError).toBe(`waiting for impact.com to confirm the original conversion ${invoice.id} (sent)`);
    expect(fakes.impact.actionUpdates()).toHaveLength(0);

    await new Promise((resolve) => setTimeout(resolve, 600)); // impact.com finishes processing
    fakes.impact.setSubmissionTiming({ completeAfterMs: 0 }); // …and processes the refund's change at once
    await settle();
    expect(fakes.impact.conversions()).toHaveLength(1);
    expect(amounts()).toEqual(["30.00"]);
    const sent = await prisma.delivery.findFirstOrThrow({
      where: { integrationId: integration.id, kind: "modification" },
    });
    expect(sent).toMatchObject({ status: "delivered", outcomeReads: 1 });
  });

  it("skips the refund of a conversion impact.com rejected, in impact.com's words", async () => {
    const { integration, deliver, paidInvoice, refund } = await setup();
    const { invoice, paymentIntent } = paidInvoice(4000);
    fakes.impact.rejectSubmissions({ errorType: "Validation", errorReason: "ACTIONTRACKER_NOT_FOUND" });
    await deliver(buildEvent("invoice.paid", invoice));
    expect(
      await prisma.delivery.findFirstOrThrow({ where: { integrationId: integration.id, kind: "conversion" } }),
    ).toMatchObject({
      status: "rejected",
      impactErrorType: "Validation",
      impactErrorReason: "ACTIONTRACKER_NOT_FOUND",
    });

    await deliver(refund({ id: "ch_rejected", amount: 4000, amountRefunded: 4000, paymentIntent }));
    const skipped = await prisma.delivery.findFirstOrThrow({
      where: { integrationId: integration.id, kind: "modification" },
    });
    expect(skipped.status).toBe("skipped");
    expect(skipped.skipReason).toBe(
      `the original conversion ${invoice.id} was rejected by impact.com (impact.com rejected the submission: Validation — ACTIONTRACKER_NOT_FOUND), so there is no action to modify`,
    );
    expect(fakes.impact.requests({ path: "Actions" })).toHaveLength(0);
  });

  it("skips the refund of a conversion that was skipped, saying why", async () => {
    const { integration, deliver, stripeAccount, refund } = await setup();
    const invoice = buildPaidInvoice({ billingReason: "manual", amountPaid: 900, subscription: null }); // a one-off
    fakes.stripe.seed(stripeAccount.id, invoice, buildInvoicePayment({ invoice, paymentIntent: "pi_manual1" }));
    await deliver(buildEvent("invoice.paid", invoice));
    await deliver(refund({ id: "ch_manual", amount: 900, amountRefunded: 900, paymentIntent: "pi_manual1" }));

    const refundDelivery = await prisma.delivery.findFirstOrThrow({
      where: { integrationId: integration.id, kind: "modification" },
    });
    expect(refundDelivery.status).toBe("skipped");
    expect(refundDelivery.skipReason).toMatch(
      new RegExp(`original conversion ${invoice.id} was skipped \\(one-off invoice \\(billing_reason manual`),
    );
    expect(fakes.impact.requests({ path: "Actions" })).toHaveLength(0);
  });
});
