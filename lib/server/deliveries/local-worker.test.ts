// The local runner against real PostgreSQL, the real Stripe SDK on the fake Stripe, and the fake
// impact.com: retries, 429, timeouts, 4xx, exhaustion and restarts (SPEC §6).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { claimDueDeliveries } from "@/lib/server/deliveries/claim-due-deliveries";
import { LocalWorker } from "@/lib/server/deliveries/local-worker";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import {
  drainToOutcome,
  fastForwardOutcomeReads,
  fastForwardSends,
  parkActiveDeliveries,
} from "@/testing/db/fast-forward";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildCustomer } from "@/testing/stripe/builders/customer";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

beforeAll(() => {
  process.env.DELIVERY_MAX_ATTEMPTS = "3";
  // Outcome reads fall due 1 s after a send: drain() returns with the delivery still `sent` even on a
  // loaded machine (100 ms let the read fall due inside the same drain), and a running worker reads soon.
  process.env.IMPACT_POLL_DELAY = "1s";
});
// impact.com completes each submission at once, so one read settles it.
const fakes = useFakes({ impact: { submissionTiming: { completeAfterMs: 0 } } });

const worker = new LocalWorker({ impactTimeoutMs: 300 });
const IMPACT_TOKEN = "delivery-token-123";

beforeEach(parkActiveDeliveries);

async function paidInvoiceDelivery() {
  const stripeAccount = fakes.stripe.addAccount({ keys: [{}] });
  const account = await createTestAccount();
  fakes.impact.addAccount({ sid: account.impactSid, authTokens: [IMPACT_TOKEN], companyName: account.companyName });
  const { integration } = await createTestIntegration({
    accountId: account.id,
    stripeApiKey: stripeAccount.keys[0]!.key,
    impactAuthToken: IMPACT_TOKEN,
  });
  const customer = buildCustomer({ metadata: { im_ref: "click-123" } });
  fakes.stripe.seed(stripeAccount.id, customer);
  const invoice = buildPaidInvoice({
    billingReason: "subscription_create",
    customer: customer.id,
    amountPaid: 1999,
    currency: "usd",
  });
  const stored = await storeStripeEvent(integration, buildEvent("invoice.paid", invoice), "webhook");
  return { deliveryId: stored.deliveries[0]!.id, invoice, account };
}

const deliveryRow = (id: string) =>
  prisma.delivery.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: { number: "asc" } } } });

describe("local worker", () => {
  it("delivers a conversion once, recording the attempt and the QueuedUri, and confirms it with impact.com", async () => {
    const { deliveryId, invoice, account } = await paidInvoiceDelivery();

    expect(await worker.drain()).toBe(1);
    // Queued is not delivered: the portal reads the submission's outcome first (SPEC §6a).
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "sent", attemptCount: 1, outcomeReads: 0 });
    await fastForwardOutcomeReads();
    expect(await worker.drain()).toBe(1);

    const [conversion] = fakes.impact.conversions();
    expect(fakes.impact.conversions()).toHaveLength(1);
    expect(conversion).toMatchObject({ authSid: account.impactSid, authToken: IMPACT_TOKEN });
    expect(conversion!.params).toMatchObject({
      OrderId: invoice.id,
      EventTypeId: "2001",
      CampaignId: "1001",
      ClickId: "click-123",
      CurrencyCode: "USD",
      ItemSubTotal1: "19.99",
    });
    const delivery = await deliveryRow(deliveryId);
    expect(delivery).toMatchObject({
      status: "delivered",
      attemptCount: 1,
      outcomeReads: 1,
      dueAt: null,
      leaseToken: null,
      lastStatusCode: 200,
      amount: "1999",
      currency: "USD",
      clickIdSource: "customer",
    });
    expect(delivery.queuedUri).toMatch(/^\/Advertisers\/.+\/APISubmissions\//);
    expect((await prisma.stripeEvent.findUniqueOrThrow({ where: { id: delivery.stripeEventId } })).outcome).toBe(
      "delivered",
    );
    expect(delivery.attempts[0]).toMatchObject({
      number: 1,
      runner: "local",
      requestMethod: "POST",
      responseStatus: 200,
    });
    expect(delivery.attempts[0]!.requestBody).toContain(`OrderId=${invoice.id}`);
    expect(delivery.attempts[1]).toMatchObject({ number: 1, requestMethod: "GET", responseStatus: 200 });
    expect(delivery.attempts[1]!.requestUrl).toContain(delivery.queuedUri);
    expect(await worker.drain()).toBe(0);
    expect(fakes.impact.conversions()).toHaveLength(1);
  });

  it("retries a 500 with backoff, then delivers", async () => {
    const { deliveryId } = await paidInvoiceDelivery();
    fakes.impact.failNext({ path: "Conversions", action: { kind: "error", status: 500 } });

    const before = Date.now();
    await worker.drain();
    const retrying = await deliveryRow(deliveryId);
    expect(retrying).toMatchObject({ status: "retrying", attemptCount: 1, lastStatusCode: 500 });
    expect(retrying.lastError).toMatch(/impact.com error 500/);
    // Attempt 1 waits RETRY_BASE_DELAY (10 s) ± 20 %.
    expect(retrying.dueAt!.getTime() - before).toBeGreaterThanOrEqual(8_000);
    expect(retrying.dueAt!.getTime() - before).toBeLessThan(13_000);
    expect(retrying.attempts[0]!.nextAttemptAt).toEqual(retrying.dueAt);

    expect(await worker.drain()).toBe(0); // not due yet
    await fastForwardSends();
    await drainToOutcome(worker);
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "delivered", attemptCount: 2 });
    expect(fakes.impact.conversions()).toHaveLength(1);
  });

  it("waits as long as a 429's X-RateLimit-Reset says", async () => {
    const { deliveryId } = await paidInvoiceDelivery();
    fakes.impact.failNext({ path: "Conversions", action: { kind: "rate-limit", resetSeconds: 120 } });
    const before = Date.now();
    await worker.drain();
    const delivery = await deliveryRow(deliveryId);
    expect(delivery).toMatchObject({ status: "retrying", lastStatusCode: 429 });
    expect(delivery.dueAt!.getTime() - before).toBeGreaterThanOrEqual(119_000);
    expect(delivery.dueAt!.getTime() - before).toBeLessThan(125_000);
  });

  it("treats a hanging impact.com as a timeout and retries", async () => {
    const { deliveryId } = await paidInvoiceDelivery();
    fakes.impact.failNext({ path: "Conversions", action: { kind: "hang" } });
    await worker.drain();
    const delivery = await deliveryRow(deliveryId);
    expect(delivery).toMatchObject({ status: "retrying", lastStatusCode: null, lastError: "timed out after 300 ms" });
    expect(delivery.attempts[0]!.error).toBe("timed out after 300 ms");
  });

  it("does not retry a 400 validation answer: impact.com rejected it", async () => {
    const { deliveryId } = await paidInvoiceDelivery();
    fakes.impact.failNext({
      path: "Conversions",
      action: { kind: "error", status: 400, message: "Invalid EventTypeId" },
    });
    await worker.drain();
    await fastForwardSends();
    expect(await worker.drain()).toBe(0);
    const delivery = await deliveryRow(deliveryId);
    expect(delivery).toMatchObject({ status: "rejected", attemptCount: 1, dueAt: null, lastStatusCode: 400 });
    expect(delivery.lastError).toMatch(/rejected the request \(400\).*Invalid EventTypeId/);
  });

  it("gives up after DELIVERY_MAX_ATTEMPTS", async () => {
    const { deliveryId } = await paidInvoiceDelivery();
    fakes.impact.failNext({ path: "Conversions", count: 10, action: { kind: "error", status: 503 } });
    for (let round = 0; round < 5; round++) {
      await worker.drain();
      await fastForwardSends();
    }
    const delivery = await deliveryRow(deliveryId);
    expect(delivery).toMatchObject({ status: "exhausted", attemptCount: 3, dueAt: null });
    expect(delivery.lastError).toMatch(/gave up after 3 attempts/);
    expect(delivery.attempts.map((attempt) => attempt.responseStatus)).toEqual([503, 503, 503]);
    expect(fakes.impact.requests({ path: "Conversions" })).toHaveLength(3);
  });

  it("survives a crash mid-attempt: the lease expires and another worker delivers exactly once", async () => {
    const { deliveryId } = await paidInvoiceDelivery();
    // A worker claims the row, then the process dies before sending anything.
    const [claimed] = await claimDueDeliveries(10);
    expect(claimed!.id).toBe(deliveryId);
    const restarted = new LocalWorker({ impactTimeoutMs: 300 });
    expect(await restarted.drain()).toBe(0); // still leased: nobody else may take it

    await prisma.delivery.update({ where: { id: deliveryId }, data: { leaseUntil: new Date(Date.now() - 1) } });
    expect(await restarted.drain()).toBe(1);
    await drainToOutcome(restarted);
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "delivered", attemptCount: 1 });
    expect(fakes.impact.conversions()).toHaveLength(1);
  });

  it("survives a restart mid-retry: a new worker picks the retry up when it falls due", async () => {
    const { deliveryId } = await paidInvoiceDelivery();
    fakes.impact.failNext({ path: "Conversions", action: { kind: "error", status: 502 } });
    const first = new LocalWorker({ impactTimeoutMs: 300 });
    first.start();
    await fakes.impact.waitForRequests({ path: "Conversions" });
    await expect.poll(async () => (await deliveryRow(deliveryId)).status).toBe("retrying");
    await first.stop();

    await fastForwardSends();
    const second = new LocalWorker({ impactTimeoutMs: 300 });
    second.start();
    await expect.poll(async () => (await deliveryRow(deliveryId)).status, { timeout: 10_000 }).toBe("delivered");
    await second.stop();
    expect(fakes.impact.conversions()).toHaveLength(1);
  });

  it("lets two workers drain the same queue without sending anything twice", async () => {
    const ids = [];
    for (let index = 0; index < 12; index++) ids.push((await paidInvoiceDelivery()).deliveryId);
    const workers = [new LocalWorker({ concurrency: 3 }), new LocalWorker({ concurrency: 3 })];
    await Promise.all(workers.map((each) => each.drain()));
    await fastForwardOutcomeReads();
    await Promise.all(workers.map((each) => each.drain()));
    const orderIds = fakes.impact.conversions().map((request) => request.params.OrderId);
    expect(orderIds).toHaveLength(12);
    expect(new Set(orderIds).size).toBe(12);
    expect(await prisma.delivery.count({ where: { id: { in: ids }, status: "delivered" } })).toBe(12);
  });
});

describe("local worker slots", () => {
  it("does not let one hanging impact.com request hold back the deliveries after it", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 4; index++) ids.push((await paidInvoiceDelivery()).deliveryId);
    fakes.impact.failNext({ path: "Conversions", action: { kind: "hang" } });
    const slow = new LocalWorker({ concurrency: 2, impactTimeoutMs: 4_000 });
    const started = Date.now();
    slow.start();
    try {
      // The other three go through the second slot while the first waits out its 4 s timeout.
      await expect.poll(() => fakes.impact.conversions().length, { timeout: 3_000 }).toBe(3);
      expect(Date.now() - started).toBeLessThan(3_500);
      await expect
        .poll(() => prisma.delivery.count({ where: { id: { in: ids }, status: "retrying" } }), { timeout: 6_000 })
        .toBe(1);
    } finally {
      await slow.stop();
    }
  });
});
