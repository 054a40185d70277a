// Following a queued submission to its outcome through the local runner (SPEC §6a), against real
// PostgreSQL and the fake impact.com's APISubmissions.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { LocalWorker } from "@/lib/server/deliveries/local-worker";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { fastForwardOutcomeReads, parkActiveDeliveries } from "@/testing/db/fast-forward";
import { createConnectedIntegration } from "@/testing/fakes/connected-integration";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildCustomer } from "@/testing/stripe/builders/customer";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

beforeAll(() => {
  process.env.IMPACT_POLL_DELAY = "1s";
  process.env.IMPACT_HOURLY_BUDGET = "50";
});
const fakes = useFakes({ impact: { submissionTiming: { completeAfterMs: 0 } } });
beforeEach(parkActiveDeliveries);

const worker = new LocalWorker({ impactTimeoutMs: 500 });

async function sentConversion() {
  const { stripeAccount, account, integration } = await createConnectedIntegration(fakes);
  const customer = buildCustomer();
  fakes.stripe.seed(stripeAccount.id, customer);
  const invoice = buildPaidInvoice({ billingReason: "subscription_create", customer: customer.id });
  const stored = await storeStripeEvent(integration, buildEvent("invoice.paid", invoice), "webhook");
  const deliveryId = stored.deliveries[0]!.id;
  await worker.drain();
  expect((await row(deliveryId)).status).toBe("sent");
  return { deliveryId, account, integration, stripeAccount, invoice };
}

const row = (id: string) =>
  prisma.delivery.findUniqueOrThrow({
    where: { id },
    include: { stripeEvent: true, attempts: { orderBy: { startedAt: "asc" } } },
  });
const reads = () => fakes.impact.requests({ path: "APISubmissions" });

describe("following a submission", () => {
  it("reads after IMPACT_POLL_DELAY, then twice as long each time while impact.com is processing", async () => {
    fakes.impact.stallSubmissions({});
    const sentAt = Date.now();
    const { deliveryId } = await sentConversion();
    const first = await row(deliveryId);
    expect(first.dueAt!.getTime() - sentAt).toBeGreaterThanOrEqual(900);
    expect(first.dueAt!.getTime() - sentAt).toBeLessThan(3_000);
    expect(await worker.drain()).toBe(0); // not due yet

    const gaps: number[] = [];
    for (let read = 1; read <= 3; read++) {
      await fastForwardOutcomeReads();
      const before = Date.now();
      await worker.drain();
      const current = await row(deliveryId);
      expect(current).toMatchObject({ status: "sent", outcomeReads: read });
      expect(current.lastError).toBe("impact.com has not finished processing it (In Progress)");
      gaps.push(current.dueAt!.getTime() - before);
    }
    // 2 s, 4 s, 8 s after the first read at 1 s.
    expect(gaps[0]).toBeGreaterThanOrEqual(1_900);
    expect(gaps[1]).toBeGreaterThanOrEqual(3_900);
    expect(gaps[2]).toBeGreaterThanOrEqual(7_900);
    expect(gaps[2]).toBeLessThan(9_000);
    expect(reads()).toHaveLength(3);
    expect(fakes.impact.conversions()).toHaveLength(1);
  });

  it("ends rejected in impact.com's own words, and never sends it again by itself", async () => {
    fakes.impact.rejectSubmissions({ errorType: "Contract Error", errorReason: "CONTRACT_NOT_FOUND" });
    const { deliveryId } = await sentConversion();
    await fastForwardOutcomeReads();
    await worker.drain();

    const rejected = await row(deliveryId);
    expect(rejected).toMatchObject({
      status: "rejected",
      dueAt: null,
      impactErrorType: "Contract Error",
      impactErrorReason: "CONTRACT_NOT_FOUND",
      lastError: "impact.com rejected the submission: Contract Error — CONTRACT_NOT_FOUND",
      deliveredAt: null,
    });
    expect(rejected.stripeEvent.outcome).toBe("rejected");
    await fastForwardOutcomeReads();
    expect(await worker.drain()).toBe(0);
    expect(fakes.impact.conversions()).toHaveLength(1);
  });

  it("reads again after a 404, a 503 or a 429, and the credentials never leave for another origin", async () => {
    const { deliveryId, account } = await sentConversion();
    fakes.impact.failNext({ method: "GET", path: "/APISubmissions", count: 1, action: { kind: "error", status: 404 } });
    fakes.impact.failNext({ method: "GET", path: "/APISubmissions", count: 1, action: { kind: "error", status: 503 } });
    fakes.impact.failNext({
      method: "GET",
      path: "/APISubmissions",
      count: 1,
      action: { kind: "rate-limit", resetSeconds: 60 },
    });
    for (let read = 1; read <= 3; read++) {
      await fastForwardOutcomeReads();
      await worker.drain();
      expect((await row(deliveryId)).status).toBe("sent");
    }
    const limited = await row(deliveryId);
    expect(limited.dueAt!.getTime() - Date.now()).toBeGreaterThan(55_000); // X-RateLimit-Reset honoured
    await fastForwardOutcomeReads();
    await worker.drain();
    expect(await row(deliveryId)).toMatchObject({ status: "delivered", outcomeReads: 4 });
    expect(reads().map((request) => request.status)).toEqual([404, 503, 429, 200]);
    expect(reads().every((request) => request.authSid === account.impactSid)).toBe(true);
  });

  it("gives up as exhausted when impact.com has not finished after three days", async () => {
    fakes.impact.stallSubmissions({});
    const { deliveryId } = await sentConversion();
    await prisma.delivery.update({
      where: { id: deliveryId },
      data: { sentAt: new Date(Date.now() - 3 * 86_400_000 - 60_000), dueAt: new Date() },
    });
    await worker.drain();
    const exhausted = await row(deliveryId);
    expect(exhausted).toMatchObject({ status: "exhausted", dueAt: null });
    expect(exhausted.lastError).toMatch(/^impact.com never finished processing \(queued .*In Progress/);
  });

  it("does not follow a QueuedUri that is not one of the account's submissions: the outcome is unknown", async () => {
    const { deliveryId } = await sentConversion();
    await prisma.delivery.update({
      where: { id: deliveryId },
      data: { queuedUri: "https://evil.example/Advertisers/IRx/APISubmissions/A-1", dueAt: new Date() },
    });
    await worker.drain();
    const unknown = await row(deliveryId);
    expect(unknown).toMatchObject({ status: "unknown", dueAt: null });
    expect(unknown.lastError).toMatch(/cannot follow the submission/);
    expect(reads()).toHaveLength(0);
  });

  it("survives a restart while waiting: the read due in the database is made by the next worker", async () => {
    const { deliveryId } = await sentConversion();
    const restarted = new LocalWorker({ impactTimeoutMs: 500 });
    restarted.start();
    try {
      await expect.poll(async () => (await row(deliveryId)).status, { timeout: 5_000 }).toBe("delivered");
    } finally {
      await restarted.stop();
    }
    expect(reads()).toHaveLength(1);
  });
});

describe("IMPACT_HOURLY_BUDGET", () => {
  it("defers outcome reads to the next hour once the account's budget is spent, but never new conversions", async () => {
    const { deliveryId, account, integration, stripeAccount } = await sentConversion();
    const hourStart = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    await prisma.impactBudgetWindow.upsert({
      where: { impactSid_hourStart: { impactSid: account.impactSid, hourStart } },
      create: { impactSid: account.impactSid, hourStart, used: 50 },
      update: { used: 50 },
    });

    await fastForwardOutcomeReads();
    await worker.drain();
    const deferred = await row(deliveryId);
    expect(deferred).toMatchObject({ status: "sent", outcomeReads: 0 });
    expect(deferred.dueAt!.getTime()).toBeGreaterThanOrEqual(hourStart.getTime() + 3_600_000);
    expect(deferred.lastError).toMatch(/IMPACT_HOURLY_BUDGET/);
    expect(reads()).toHaveLength(0);

    // A new conversion of the same account is sent at once all the same.
    const customer = buildCustomer();
    fakes.stripe.seed(stripeAccount.id, customer);
    const next = buildPaidInvoice({ billingReason: "subscription_create", customer: customer.id });
    const stored = await storeStripeEvent(integration, buildEvent("invoice.paid", next), "webhook");
    await worker.drain();
    expect((await row(stored.deliveries[0]!.id)).status).toBe("sent");
    expect(fakes.impact.conversions()).toHaveLength(2);

    // The next hour: the read goes out.
    await prisma.impactBudgetWindow.deleteMany({ where: { impactSid: account.impactSid } });
    await fastForwardOutcomeReads();
    await worker.drain();
    expect((await row(deliveryId)).status).toBe("delivered");
  });

  it("counts every portal process's requests in one row per account and hour", async () => {
    const { reserveImpactRequest } = await import("@/lib/server/deliveries/impact-budget");
    const sid = `IRbudget${Date.now()}`;
    const grants = await Promise.all(Array.from({ length: 80 }, () => reserveImpactRequest(sid)));
    expect(grants.filter((grant) => grant.isGranted)).toHaveLength(50);
    const windows = await prisma.impactBudgetWindow.findMany({ where: { impactSid: sid } });
    expect(windows).toMatchObject([{ used: 50 }]);
  });
});
