// deliver-conversion against the real database and the fake Stripe and impact.com over HTTP; the
// delivery is stored through intake (storeStripeEvent) exactly as a webhook would store it.
import { createHash } from "node:crypto";
import { InngestTestEngine, type InngestTestRun } from "@inngest/test";
import { StepOpCode } from "inngest/types";
import { describe, expect, it, vi } from "vitest";
import { deliverConversion } from "@/inngest/functions/deliver-conversion";
import { prisma } from "@/lib/db";
import { conversionRequested } from "@/lib/jobs/inngest/events";
import { DELIVERY_RETRIES, settleFailedRun } from "@/lib/server/deliveries/attempt-in-inngest-step";
import { claimDelivery } from "@/lib/server/deliveries/claim-delivery";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { createTestIntegration } from "@/testing/db/factories";
import { useFakes } from "@/testing/fakes/use-fakes";
import { outcomeWaitMocks } from "@/testing/inngest/outcome-wait-mocks";
import { buildCustomer, buildEvent, buildPaidInvoice } from "@/testing/stripe/builders";

const fakes = useFakes({ impact: { submissionTiming: { completeAfterMs: 0 } } });
const IMPACT_TOKEN = "delivery-token-123";

/** A paid first subscription invoice stored through intake: one pending conversion delivery. */
async function storePaidInvoice() {
  const { integration, account, stripeApiKey } = await createTestIntegration({ impactAuthToken: IMPACT_TOKEN });
  const stripeAccount = fakes.stripe.addAccount({ keys: [{ key: stripeApiKey }] });
  fakes.impact.addAccount({ sid: account.impactSid, authTokens: [IMPACT_TOKEN] });
  const customer = buildCustomer();
  const invoice = buildPaidInvoice({
    customer: customer.id,
    billingReason: "subscription_create",
    amountPaid: 4999,
    subscriptionMetadata: { impact_click_id: "click-abc" },
  });
  fakes.stripe.seed(stripeAccount.id, customer, invoice);
  const stored = await storeStripeEvent(integration, buildEvent("invoice.paid", invoice), "webhook");
  expect(stored.deliveries).toHaveLength(1);
  return { deliveryId: stored.deliveries[0]!.id, invoice, customer, account };
}

const engineFor = (deliveryId: string) =>
  new InngestTestEngine({
    function: deliverConversion,
    events: [conversionRequested.create({ deliveryId })],
    steps: outcomeWaitMocks(deliveryId),
  });

/**
 * One execution and its raw checkpoint: execute() keeps only the error, but `retriable` is what the
 * serve handler turns into X-Inngest-No-Retry / Retry-After, and `step.op` tells StepError (retried)
 * from StepFailed (final).
 */
async function executeOnce(deliveryId: string) {
  // biome-ignore lint/complexity/useLiteralKeys: individualExecution is protected; the index reaches it on purpose
  const { result } = await engineFor(deliveryId)["individualExecution"]();
  if (result.type !== "step-ran") throw new Error(`expected the attempt step to run, got ${result.type}`);
  const { step, retriable } = result as InngestTestRun.Checkpoint<"step-ran">;
  return { op: step.op, error: step.error as { name: string; message: string }, retriable };
}

const readDelivery = (id: string) =>
  prisma.delivery.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: { number: "asc" } } } });

describe("deliver-conversion", () => {
  it("is configured with explicit retries and one run per delivery at a time", () => {
    expect(deliverConversion.id()).toBe("deliver-conversion");
    expect(deliverConversion.opts).toMatchObject({
      retries: DELIVERY_RETRIES,
      concurrency: { key: "event.data.deliveryId", limit: 1 },
    });
    expect(DELIVERY_RETRIES).toBe(19);
  });

  it("sends the conversion once, stores the QueuedUri, then reads the submission until impact.com confirms it", async () => {
    const { deliveryId, invoice, customer, account } = await storePaidInvoice();

    const { result, error, ctx } = await engineFor(deliveryId).execute();

    expect(error).toBeUndefined();
    expect(result).toEqual({ deliveryId, status: "delivered" });
    expect(ctx.step.sleepUntil).toHaveBeenCalledTimes(1);
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith(`outcome-wait-${deliveryId}-1`, expect.any(Date));
    expect(fakes.impact.requests({ path: "Conversions" })).toHaveLength(1);
    const [sent] = fakes.impact.conversions();
    expect(sent).toMatchObject({
      authSid: account.impactSid,
      authToken: IMPACT_TOKEN,
      path: `/Advertisers/${account.impactSid}/Conversions`,
    });
    expect(sent!.params).toMatchObject({
      CampaignId: "1001",
      EventTypeId: "2001",
      ClickId: "click-abc",
      OrderId: invoice.id,
      CustomerId: customer.id,
      CustomerEmail: createHash("sha1").update("jenny.rosen@example.com").digest("hex"),
      CurrencyCode: "USD",
      EventDate: new Date(invoice.status_transitions.paid_at! * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
      ItemSku1: "Subscription",
      ItemSubTotal1: "49.99",
    });

    const delivery = await readDelivery(deliveryId);
    expect(delivery).toMatchObject({
      status: "delivered",
      attemptCount: 1,
      lastStatusCode: 200,
      amount: "4999",
      currency: "USD",
    });
    expect(delivery.queuedUri).toBe((sent!.responseBody as { QueuedUri: string }).QueuedUri);
    expect(delivery.attempts).toMatchObject([
      { number: 1, runner: "inngest", responseStatus: 200, requestMethod: "POST" },
      { number: 1, runner: "inngest", responseStatus: 200, requestMethod: "GET" },
    ]);
    expect(fakes.impact.requests({ path: "APISubmissions" })).toHaveLength(1);
  });

  it("retries a 5xx with Inngest's backoff and delivers on the next execution", async () => {
    const { deliveryId } = await storePaidInvoice();
    fakes.impact.failNext({ path: "Conversions", action: { kind: "error", status: 500 } });

    const first = await executeOnce(deliveryId);
    expect(first).toMatchObject({ op: StepOpCode.StepError, retriable: true, error: { name: "Error" } });
    expect(first.error.message).toContain("impact.com error 500");
    const afterFailure = await readDelivery(deliveryId);
    expect(afterFailure).toMatchObject({ status: "retrying", attemptCount: 1, lastStatusCode: 500 });
    expect(afterFailure.attempts).toMatchObject([{ number: 1, responseStatus: 500, nextAttemptAt: expect.any(Date) }]);

    // Inngest re-runs the failed step; @inngest/test does not model retries, so run it again.
    const { result } = await engineFor(deliveryId).execute();
    expect(result).toEqual({ deliveryId, status: "delivered" });
    expect(fakes.impact.requests({ path: "Conversions" }).map((request) => request.status)).toEqual([500, 200]);
    expect(await readDelivery(deliveryId)).toMatchObject({ status: "delivered", attemptCount: 2 });
  });

  it("answers a 429 with RetryAfterError for as long as X-RateLimit-Reset asks", async () => {
    const { deliveryId } = await storePaidInvoice();
    fakes.impact.failNext({ path: "Conversions", action: { kind: "rate-limit", resetSeconds: 120 } });

    const outcome = await executeOnce(deliveryId);

    expect(outcome).toMatchObject({ op: StepOpCode.StepError, error: { name: "RetryAfterError" } });
    // RetryAfterError keeps seconds: toDurationString gave "120s", the Retry-After header gets "120".
    expect(outcome.retriable).toBe("120");
    const delivery = await readDelivery(deliveryId);
    expect(delivery).toMatchObject({ status: "retrying", attemptCount: 1, lastStatusCode: 429 });
    expect(delivery.dueAt!.getTime() - Date.now()).toBeGreaterThan(110_000);
  });

  it("stops on a 400: NonRetriableError, delivery rejected, nothing sent again", async () => {
    const { deliveryId } = await storePaidInvoice();
    fakes.impact.failNext({
      path: "Conversions",
      action: { kind: "error", status: 400, message: "CampaignId is not valid" },
    });

    const outcome = await executeOnce(deliveryId);

    // StepFailed: Inngest does not retry the step; the SDK then rethrows it into the run as a StepError it
    // marks non-retriable, so the run fails. (@inngest/test 1.0 cannot replay a failed step: a throwing
    // mock resolves with undefined under inngest 4, so that half is not asserted here.)
    expect(outcome).toMatchObject({
      op: StepOpCode.StepFailed,
      retriable: false,
      error: { name: "NonRetriableError" },
    });
    expect(outcome.error.message).toContain("impact.com rejected the request (400): CampaignId is not valid");
    expect(await readDelivery(deliveryId)).toMatchObject({ status: "rejected", attemptCount: 1, lastStatusCode: 400 });

    // Even a new run (a resent event) sends nothing for a rejected delivery.
    const again = await engineFor(deliveryId).execute();
    expect(again.result).toEqual({ deliveryId, status: "not-attempted", reason: "delivery is already rejected" });
    expect(fakes.impact.requests({ path: "Conversions" })).toHaveLength(1);
  });

  it("sends nothing for a delivery that is already delivered", async () => {
    const { deliveryId } = await storePaidInvoice();
    await engineFor(deliveryId).execute();

    const { result } = await engineFor(deliveryId).execute();

    expect(result).toEqual({ deliveryId, status: "not-attempted", reason: "delivery is already delivered" });
    expect(fakes.impact.requests({ path: "Conversions" })).toHaveLength(1);
    expect(await readDelivery(deliveryId)).toMatchObject({ status: "delivered", attemptCount: 1 });
  });

  it("keeps reading while impact.com is processing, each wait longer, and ends rejected in impact.com's words", async () => {
    const { deliveryId } = await storePaidInvoice();
    fakes.impact.setSubmissionTiming({ inProgressAfterMs: 0, completeAfterMs: 400 });
    fakes.impact.rejectSubmissions({ errorType: "Validation", errorReason: "ACTIONTRACKER_NOT_FOUND" });
    fakes.impact.failNext({ method: "GET", path: "/APISubmissions", action: { kind: "error", status: 503 } });
    const waits: Date[] = [];
    const engine = new InngestTestEngine({
      function: deliverConversion,
      events: [conversionRequested.create({ deliveryId })],
      steps: outcomeWaitMocks(deliveryId, 40).map((mock) => ({
        ...mock,
        handler: () => new Promise((resolve) => setTimeout(resolve, 50)),
      })),
    });

    const { error, ctx } = await engine.execute();

    expect(error).toMatchObject({ name: "NonRetriableError" });
    expect((error as Error).message).toBe("impact.com rejected the submission: Validation — ACTIONTRACKER_NOT_FOUND");
    for (const call of vi.mocked(ctx.step.sleepUntil).mock.calls) waits.push(call[1] as Date);
    expect(waits.length).toBeGreaterThanOrEqual(3); // a failed read, In Progress, then Complete
    // IMPACT_POLL_DELAY (10 s), then twice as long each time.
    const delays = waits.slice(1).map((wait, index) => wait.getTime() - waits[index]!.getTime());
    for (const [index, delay] of delays.entries())
      expect(delay).toBeGreaterThan(index === 0 ? 5_000 : delays[index - 1]!);
    const delivery = await readDelivery(deliveryId);
    expect(delivery).toMatchObject({
      status: "rejected",
      attemptCount: 1,
      impactErrorType: "Validation",
      impactErrorReason: "ACTIONTRACKER_NOT_FOUND",
      outcomeReads: waits.length,
    });
    expect(fakes.impact.requests({ path: "Conversions" })).toHaveLength(1);
  });

  it("comes back in 30 s when another worker holds the lease", async () => {
    const { deliveryId } = await storePaidInvoice();
    expect(await claimDelivery(deliveryId)).not.toBeNull();

    const outcome = await executeOnce(deliveryId);

    expect(outcome).toMatchObject({ op: StepOpCode.StepError, retriable: "30", error: { name: "RetryAfterError" } });
    expect(fakes.impact.requests()).toHaveLength(0);
    expect(await readDelivery(deliveryId)).toMatchObject({ status: "pending", attemptCount: 0 });
  });
});

describe("when Inngest gives up (onFailure)", () => {
  it("marks a delivery still retrying as exhausted with the last error, and leaves final ones alone", async () => {
    const { deliveryId } = await storePaidInvoice();
    await prisma.delivery.update({ where: { id: deliveryId }, data: { status: "retrying" } });
    const failure = { event: { data: { event: { data: { deliveryId } } } }, error: new Error("impact.com error 503") };

    await settleFailedRun(failure);
    expect(await readDelivery(deliveryId)).toMatchObject({
      status: "exhausted",
      dueAt: null,
      lastError: "gave up: impact.com error 503",
    });

    await prisma.delivery.update({ where: { id: deliveryId }, data: { status: "delivered" } });
    await settleFailedRun(failure);
    expect((await readDelivery(deliveryId)).status).toBe("delivered");
  });

  it("does not end a replay when the run it replaced gives up", async () => {
    const { deliveryId } = await storePaidInvoice();
    await prisma.delivery.update({ where: { id: deliveryId }, data: { status: "retrying", generation: 1 } });
    await settleFailedRun({
      event: { data: { event: { data: { deliveryId, generation: 0 } } } },
      error: new Error("old run"),
    });
    expect((await readDelivery(deliveryId)).status).toBe("retrying");
    await settleFailedRun({
      event: { data: { event: { data: { deliveryId, generation: 1 } } } },
      error: new Error("new run"),
    });
    expect((await readDelivery(deliveryId)).status).toBe("exhausted");
  });
});
