// process-refund against the real database and the fake Stripe and impact.com over HTTP. Sleeps are
// mocked by id (an unmocked step.sleep never returns under @inngest/test).
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { deliverConversion } from "@/inngest/functions/deliver-conversion";
import { MAX_WAIT_ROUNDS, processRefund } from "@/inngest/functions/process-refund";
import { prisma } from "@/lib/db";
import { conversionRequested, refundRequested } from "@/lib/jobs/inngest/events";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { createTestIntegration } from "@/testing/db/factories";
import { useFakes } from "@/testing/fakes/use-fakes";
import { outcomeWaitMocks } from "@/testing/inngest/outcome-wait-mocks";
import {
  buildCharge,
  buildCustomer,
  buildDispute,
  buildEvent,
  buildInvoicePayment,
  buildPaidInvoice,
} from "@/testing/stripe/builders";

// impact.com completes each submission at once: one outcome read confirms it.
const fakes = useFakes({ impact: { submissionTiming: { completeAfterMs: 0 } } });
const IMPACT_TOKEN = "delivery-token-123";
const noop = () => undefined;

/**
 * A paid subscription invoice (or a skipped one, with billing_reason manual) and, after it, a partial
 * refund of its charge: both stored through intake. The fake Stripe holds the charge as re-read after
 * the delay (`refundedNow`), which may differ from the event's payload.
 */
async function storeInvoiceAndRefund(options: {
  billingReason?: "subscription_create" | "manual";
  refundedInEvent: number;
  refundedNow: number;
}) {
  const { integration, account, stripeApiKey } = await createTestIntegration({ impactAuthToken: IMPACT_TOKEN });
  const stripeAccount = fakes.stripe.addAccount({ keys: [{ key: stripeApiKey }] });
  fakes.impact.addAccount({ sid: account.impactSid, authTokens: [IMPACT_TOKEN] });
  const customer = buildCustomer();
  const invoice = buildPaidInvoice({
    customer: customer.id,
    billingReason: options.billingReason ?? "subscription_create",
    subscription: options.billingReason === "manual" ? null : undefined,
    amountPaid: 4000,
  });
  const paymentIntent = `pi_${invoice.id.slice(3)}`;
  const charge = buildCharge({
    amount: 4000,
    amountRefunded: options.refundedNow,
    paymentIntent,
    customer: customer.id,
  });
  fakes.stripe.seed(stripeAccount.id, customer, invoice, charge, buildInvoicePayment({ invoice, paymentIntent }));

  const paid = await storeStripeEvent(integration, buildEvent("invoice.paid", invoice), "webhook");
  const refundEvent = buildEvent("charge.refunded", {
    ...charge,
    amount_refunded: options.refundedInEvent,
    refunded: false,
  });
  const refunded = await storeStripeEvent(integration, refundEvent, "webhook");
  const conversionId = paid.deliveries[0]?.id;
  const refundId = refunded.deliveries[0]!.id;
  return { conversionId, refundId, invoice, account };
}

const deliverConversionRun = (deliveryId: string) =>
  new InngestTestEngine({
    function: deliverConversion,
    events: [conversionRequested.create({ deliveryId })],
    steps: outcomeWaitMocks(deliveryId),
  }).execute();

const refundEngine = (deliveryId: string, sleeps: Array<{ id: string; handler: () => unknown }>) =>
  new InngestTestEngine({
    function: processRefund,
    events: [refundRequested.create({ deliveryId })],
    steps: [...sleeps, ...outcomeWaitMocks(deliveryId)],
  });

describe("process-refund", () => {
  it("waits REFUND_DELAY, re-reads the charge and sends the remaining amount", async () => {
    const { conversionId, refundId, invoice, account } = await storeInvoiceAndRefund({
      refundedInEvent: 1000,
      refundedNow: 2500,
    });
    expect((await deliverConversionRun(conversionId!)).result).toMatchObject({ status: "delivered" });

    const { result, ctx } = await refundEngine(refundId, [{ id: "refund-delay", handler: noop }]).execute();

    expect(ctx.step.sleep).toHaveBeenCalledWith("refund-delay", "1h");
    expect(result).toEqual({ deliveryId: refundId, status: "delivered" });
    const updates = fakes.impact.actionUpdates();
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ authSid: account.impactSid, path: `/Advertisers/${account.impactSid}/Actions` });
    // 40.00 sent, 25.00 of 40.00 refunded by now (the event said 10.00): 15.00 remains.
    expect(updates[0]!.params).toEqual({
      ActionTrackerId: "2001",
      OrderId: invoice.id,
      Amount: "15.00",
      Reason: "OTHER",
    });
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: refundId } })).toMatchObject({
      status: "delivered",
      orderId: invoice.id,
      amount: "1500",
      attemptCount: 1,
      outcomeReads: 1, // the change is followed to its own outcome
    });
  });

  it("waits for a conversion that is still retrying, then sends after it is delivered", async () => {
    const { conversionId, refundId, invoice } = await storeInvoiceAndRefund({
      refundedInEvent: 4000,
      refundedNow: 4000,
    });
    fakes.impact.failNext({ path: "Conversions", action: { kind: "error", status: 503 } });
    expect((await deliverConversionRun(conversionId!)).error).toMatchObject({ name: "Error" });
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: conversionId! } })).toMatchObject({
      status: "retrying",
    });

    let hasWaited = false;
    const { result, ctx } = await refundEngine(refundId, [
      { id: "refund-delay", handler: noop },
      {
        // While the refund sleeps, Inngest retries the conversion.
        id: "wait-for-conversion-1",
        handler: async () => {
          hasWaited = true;
          const waiting = await prisma.delivery.findUniqueOrThrow({ where: { id: refundId } });
          expect(waiting).toMatchObject({
            status: "pending",
            attemptCount: 0,
            lastError: `waiting for impact.com to confirm the original conversion ${invoice.id} (retrying)`,
          });
          expect((await deliverConversionRun(conversionId!)).result).toMatchObject({ status: "delivered" });
        },
      },
    ]).execute();

    expect(hasWaited).toBe(true);
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-conversion-1", expect.any(Date));
    expect(result).toEqual({ deliveryId: refundId, status: "delivered" });
    const sent = fakes.impact.requests({ status: 200 }).filter((request) => request.method !== "GET");
    expect(sent.map((request) => `${request.method} ${request.path.split("/").at(-1)}`)).toEqual([
      "POST Conversions",
      "PUT Actions",
    ]);
    // Fully refunded: 0 reverses the action.
    expect(sent[1]!.params).toMatchObject({ OrderId: invoice.id, Amount: "0.00" });
  });

  it("skips the refund of a skipped conversion, with the reason, and sends nothing", async () => {
    const { conversionId, refundId, invoice } = await storeInvoiceAndRefund({
      billingReason: "manual",
      refundedInEvent: 4000,
      refundedNow: 4000,
    });
    expect(conversionId).toBeUndefined(); // intake stored the conversion as skipped: nothing to hand off

    const { result } = await refundEngine(refundId, [{ id: "refund-delay", handler: noop }]).execute();

    expect(result).toMatchObject({ deliveryId: refundId, status: "skipped" });
    const reason = (result as { reason: string }).reason;
    expect(reason).toContain(
      `the original conversion ${invoice.id} was skipped (one-off invoice (billing_reason manual`,
    );
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: refundId } })).toMatchObject({
      status: "skipped",
      skipReason: reason,
    });
    expect(fakes.impact.requests()).toHaveLength(0);
  });

  it("gives up with a NonRetriableError when the conversion never arrives", async () => {
    const { refundId } = await storeInvoiceAndRefund({ refundedInEvent: 1000, refundedNow: 1000 });
    const waits = Array.from({ length: MAX_WAIT_ROUNDS }, (_, index) => ({
      id: `wait-for-conversion-${index + 1}`,
      handler: noop,
    }));

    const { error, ctx } = await refundEngine(refundId, [{ id: "refund-delay", handler: noop }, ...waits]).execute();

    expect(error).toMatchObject({
      name: "NonRetriableError",
      message: expect.stringContaining(`after ${MAX_WAIT_ROUNDS} waits`),
    });
    expect(ctx.step.sleepUntil).toHaveBeenCalledTimes(MAX_WAIT_ROUNDS);
    expect(fakes.impact.requests()).toHaveLength(0);
  });

  it("changes the action for a lost chargeback the same way, counting the dispute's amount as refunded", async () => {
    const { integration, account, stripeApiKey } = await createTestIntegration({ impactAuthToken: IMPACT_TOKEN });
    const stripeAccount = fakes.stripe.addAccount({ keys: [{ key: stripeApiKey }] });
    fakes.impact.addAccount({ sid: account.impactSid, authTokens: [IMPACT_TOKEN] });
    const invoice = buildPaidInvoice({ billingReason: "subscription_create", amountPaid: 4000 });
    const paymentIntent = `pi_${invoice.id.slice(3)}`;
    const charge = buildCharge({ amount: 4000, amountRefunded: 0, paymentIntent });
    const dispute = buildDispute({ charge, status: "lost", amount: 1000 });
    fakes.stripe.seed(stripeAccount.id, invoice, charge, dispute, buildInvoicePayment({ invoice, paymentIntent }));
    const paid = await storeStripeEvent(integration, buildEvent("invoice.paid", invoice), "webhook");
    expect((await deliverConversionRun(paid.deliveries[0]!.id)).result).toMatchObject({ status: "delivered" });
    const closed = await storeStripeEvent(integration, buildEvent("charge.dispute.closed", dispute), "webhook");
    const changeId = closed.deliveries[0]!.id;

    const { result } = await refundEngine(changeId, [{ id: "refund-delay", handler: noop }]).execute();

    expect(result).toEqual({ deliveryId: changeId, status: "delivered" });
    expect(fakes.impact.actionUpdates().map((request) => request.params)).toEqual([
      { ActionTrackerId: "2001", OrderId: invoice.id, Amount: "30.00", Reason: "OTHER" },
    ]);
  });

  it("does not wait REFUND_DELAY again when the hand-off says it has already passed (a replay)", async () => {
    const { conversionId, refundId } = await storeInvoiceAndRefund({ refundedInEvent: 1000, refundedNow: 1000 });
    expect((await deliverConversionRun(conversionId!)).result).toMatchObject({ status: "delivered" });
    const notBefore = new Date(Date.now() - 60_000).toISOString();
    const engine = new InngestTestEngine({
      function: processRefund,
      events: [refundRequested.create({ deliveryId: refundId, generation: 1, notBefore })],
      steps: [{ id: "refund-delay", handler: noop }, ...outcomeWaitMocks(refundId)],
    });

    const { result, ctx } = await engine.execute();

    expect(ctx.step.sleep).not.toHaveBeenCalled();
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("refund-delay", new Date(notBefore));
    expect(result).toMatchObject({ status: "delivered" });
  });
});
