// Replay semantics (SPEC §6, §8) against real PostgreSQL; the last tests run the real local worker
// against the fake impact.com to show a replayed delivery really goes out once more.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { LocalWorker } from "@/lib/server/deliveries/local-worker";
import { replayDelivery } from "@/lib/server/deliveries/replay-delivery";
import type { EventScope } from "@/lib/server/events/event-scope";
import { createStaffUser } from "@/lib/server/staff/create-staff-user";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { createTestEvent, type TestEventOptions } from "@/testing/db/event-factories";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import { drainToOutcome } from "@/testing/db/fast-forward";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildCustomer } from "@/testing/stripe/builders/customer";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

const enqueue = vi.hoisted(() => vi.fn(async (_deliveries: unknown[]) => {}));
// The hand-off is observed, not performed: the worker below drains the database itself.
vi.mock("@/lib/jobs/get-job-runner", () => ({ getJobRunner: () => ({ name: "local", enqueue }) }));

const fakes = useFakes();
const IMPACT_TOKEN = "delivery-token-123";

beforeEach(() => enqueue.mockClear());

async function brandWith(outcome: TestEventOptions["outcome"], options: TestEventOptions = {}) {
  const { integration } = await createTestIntegration();
  const { event, delivery } = await createTestEvent(integration, { outcome, ...options });
  const scope: EventScope = { role: "brand", accountId: integration.accountId };
  return { scope, event, delivery: delivery!, integration };
}

const deliveryRow = (id: string) =>
  prisma.delivery.findUniqueOrThrow({
    where: { id },
    include: { stripeEvent: true, attempts: { orderBy: { startedAt: "asc" } } },
  });

describe("replayDelivery", () => {
  it("starts an exhausted delivery over as a new generation, then hands it to the runner", async () => {
    const { scope, delivery } = await brandWith("exhausted", { attemptCount: 15, generation: 2 });
    const before = Date.now();

    expect(await replayDelivery(scope, delivery.id)).toEqual({ isReplayed: true, status: "pending" });

    const row = await deliveryRow(delivery.id);
    expect(row).toMatchObject({
      status: "pending",
      attemptCount: 0,
      generation: 3,
      lastError: null,
      leaseToken: null,
      leaseUntil: null,
    });
    expect(row.dueAt!.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(row.dueAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(row.stripeEvent.outcome).toBe("pending");
    expect(enqueue).toHaveBeenCalledWith([{ id: delivery.id, kind: "conversion", dueAt: row.dueAt, generation: 3 }]);
  });

  it("tries a retrying delivery now, but never takes the lease of an attempt in flight", async () => {
    const idle = await brandWith("retrying");
    expect(await replayDelivery(idle.scope, idle.delivery.id)).toEqual({ isReplayed: true, status: "pending" });
    expect(await deliveryRow(idle.delivery.id)).toMatchObject({ status: "pending", generation: 1 });

    const busy = await brandWith("retrying", { leaseUntil: new Date(Date.now() + 60_000) });
    await expect(replayDelivery(busy.scope, busy.delivery.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/running right now/),
    });
    expect(await deliveryRow(busy.delivery.id)).toMatchObject({ status: "retrying", generation: 0 });
  });

  it("sends a delivered conversion again only when a person confirms it", async () => {
    const { scope, delivery } = await brandWith("delivered");
    await expect(replayDelivery(scope, delivery.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/second conversion/),
    });
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "delivered", generation: 0 });
    expect(enqueue).not.toHaveBeenCalled();

    expect(await replayDelivery(scope, delivery.id, { confirmSendAgain: true })).toEqual({
      isReplayed: true,
      status: "pending",
    });
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "pending", generation: 1 });
    // A brand's own "Send again" is a second conversion a person chose to send: it is audited.
    expect(await prisma.auditLog.findMany({ where: { targetId: delivery.id } })).toMatchObject([
      { actor: "brand", staffUserId: null, action: "delivery.replay", details: { previousStatus: "delivered" } },
    ]);
  });

  it("treats a send whose outcome is unknown like a delivered one: only a confirmed 'Send again' resends it", async () => {
    const { scope, delivery } = await brandWith("unknown");
    await expect(replayDelivery(scope, delivery.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/outcome unknown.*Send again/),
    });
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "unknown", generation: 0 });
    expect(enqueue).not.toHaveBeenCalled();
    expect(await replayDelivery(scope, delivery.id, { confirmSendAgain: true })).toEqual({
      isReplayed: true,
      status: "pending",
    });
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "pending", generation: 1, lastError: null });
  });

  it("sends a rejected submission again without asking (it credited nothing), forgetting impact.com's verdict", async () => {
    const { scope, delivery } = await brandWith("rejected", { outcomeReads: 3 });
    expect(delivery).toMatchObject({ impactErrorType: "Validation", queuedUri: expect.any(String) });

    expect(await replayDelivery(scope, delivery.id)).toEqual({ isReplayed: true, status: "pending" });

    const row = await deliveryRow(delivery.id);
    expect(row).toMatchObject({
      status: "pending",
      generation: 1,
      attemptCount: 0,
      lastError: null,
      queuedUri: null,
      sentAt: null,
      outcomeReads: 0,
      impactErrorType: null,
      impactErrorReason: null,
    });
    expect(row.stripeEvent.outcome).toBe("pending");
    expect(enqueue).toHaveBeenCalledTimes(1);
  });

  it("leaves a sent delivery alone: impact.com has it and its outcome is being read", async () => {
    const { scope, delivery } = await brandWith("sent", { outcomeReads: 2 });
    for (const confirmSendAgain of [false, true]) {
      expect(await replayDelivery(scope, delivery.id, { confirmSendAgain })).toEqual({
        isReplayed: false,
        status: "sent",
      });
    }
    expect(await deliveryRow(delivery.id)).toMatchObject({
      status: "sent",
      generation: 0,
      outcomeReads: 2,
      queuedUri: delivery.queuedUri,
    });
    expect(enqueue).not.toHaveBeenCalled();
  });

  it("treats a second replay of a queued delivery as a no-op, even when both clicks arrive together", async () => {
    const sequential = await brandWith("exhausted");
    await replayDelivery(sequential.scope, sequential.delivery.id);
    expect(await replayDelivery(sequential.scope, sequential.delivery.id)).toEqual({
      isReplayed: false,
      status: "pending",
    });
    expect(await deliveryRow(sequential.delivery.id)).toMatchObject({ generation: 1 });
    expect(enqueue).toHaveBeenCalledTimes(1);

    const concurrent = await brandWith("delivered");
    const results = await Promise.all([
      replayDelivery(concurrent.scope, concurrent.delivery.id, { confirmSendAgain: true }),
      replayDelivery(concurrent.scope, concurrent.delivery.id, { confirmSendAgain: true }),
    ]);
    expect(results.filter((result) => result.isReplayed)).toHaveLength(1);
    expect(await deliveryRow(concurrent.delivery.id)).toMatchObject({ status: "pending", generation: 1 });
    expect(enqueue).toHaveBeenCalledTimes(2);
  });

  it("refuses skipped deliveries: they must never be sent", async () => {
    const { scope, delivery } = await brandWith("skipped", { reason: "manual invoices are not conversions" });
    await expect(replayDelivery(scope, delivery.id, { confirmSendAgain: true })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/never sent.*manual invoices are not conversions/s),
    });
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "skipped", generation: 0 });
  });

  it("answers NOT_FOUND for another account's delivery and for unknown ids", async () => {
    const { delivery } = await brandWith("exhausted");
    const stranger: EventScope = { role: "brand", accountId: (await createTestAccount()).id };
    await expect(replayDelivery(stranger, delivery.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(replayDelivery(stranger, "does-not-exist")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "exhausted", generation: 0 });
  });

  it("audits a staff 'Send again' of an unknown delivery with the status it replayed", async () => {
    const { delivery } = await brandWith("unknown");
    const staffUser = await createStaffUser({
      email: `again-${delivery.id}@example.com`,
      password: "a long enough password",
    });
    await replayDelivery({ role: "staff", staffUserId: staffUser.id }, delivery.id, { confirmSendAgain: true });
    expect(await prisma.auditLog.findMany({ where: { staffUserId: staffUser.id } })).toEqual([
      expect.objectContaining({
        action: "delivery.replay",
        targetId: delivery.id,
        details: { generation: 1, previousStatus: "unknown", confirmSendAgain: true },
      }),
    ]);
  });

  it("lets staff replay any account's delivery, and audits it (only when something happened)", async () => {
    const { delivery, integration } = await brandWith("exhausted");
    const staffUser = await createStaffUser({
      email: `staff-${delivery.id}@example.com`,
      password: "a long enough password",
    });
    const staff: EventScope = { role: "staff", staffUserId: staffUser.id };

    await replayDelivery(staff, delivery.id);
    await replayDelivery(staff, delivery.id); // no-op: not audited

    const audit = await prisma.auditLog.findMany({ where: { staffUserId: staffUser.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "delivery.replay",
        accountId: integration.accountId,
        targetType: "delivery",
        targetId: delivery.id,
        details: { generation: 1, previousStatus: "exhausted", confirmSendAgain: false },
      }),
    ]);
    const brandReplay = await brandWith("exhausted");
    await replayDelivery(brandReplay.scope, brandReplay.delivery.id);
    expect(await prisma.auditLog.count({ where: { targetId: brandReplay.delivery.id } })).toBe(0);
  });
});

describe("replay through the local worker", () => {
  const worker = new LocalWorker({ impactTimeoutMs: 500 });

  // The rows queued by the tests above have no real Stripe objects behind them: keep them out of the worker's way.
  beforeEach(async () => {
    await prisma.delivery.updateMany({
      where: { status: { in: ["pending", "retrying", "sent"] } },
      data: { status: "skipped", dueAt: null },
    });
  });

  async function storedConversion() {
    const stripeAccount = fakes.stripe.addAccount({ keys: [{}] });
    const account = await createTestAccount();
    fakes.impact.addAccount({ sid: account.impactSid, authTokens: [IMPACT_TOKEN], companyName: account.companyName });
    const { integration } = await createTestIntegration({
      accountId: account.id,
      stripeApiKey: stripeAccount.keys[0]!.key,
      impactAuthToken: IMPACT_TOKEN,
    });
    const customer = buildCustomer();
    fakes.stripe.seed(stripeAccount.id, customer);
    const invoice = buildPaidInvoice({ billingReason: "subscription_create", customer: customer.id, amountPaid: 4900 });
    const stored = await storeStripeEvent(integration, buildEvent("invoice.paid", invoice), "webhook");
    return {
      scope: { role: "brand", accountId: account.id } as EventScope,
      deliveryId: stored.deliveries[0]!.id,
      invoice,
    };
  }

  const sends = (row: Awaited<ReturnType<typeof deliveryRow>>) =>
    row.attempts
      .filter((attempt) => attempt.requestMethod === "POST")
      .map((attempt) => [attempt.generation, attempt.responseStatus]);

  it("sends a conversion impact.com refused (400) again once, and follows it to delivered", async () => {
    const { scope, deliveryId, invoice } = await storedConversion();
    fakes.impact.failNext({
      path: "Conversions",
      action: { kind: "error", status: 400, message: "Invalid CampaignId" },
    });
    await worker.drain();
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "rejected", attemptCount: 1 });

    await replayDelivery(scope, deliveryId);
    await drainToOutcome(worker);

    const row = await deliveryRow(deliveryId);
    expect(row).toMatchObject({ status: "delivered", generation: 1, impactErrorType: null });
    expect(row.stripeEvent.outcome).toBe("delivered");
    expect(sends(row)).toEqual([
      [0, 400],
      [1, 200],
    ]);
    expect(fakes.impact.conversions().map((request) => request.params.OrderId)).toEqual([invoice.id]);
  });

  it("sends a submission impact.com processed with an error again, which clears impact's verdict", async () => {
    const { scope, deliveryId } = await storedConversion();
    fakes.impact.rejectSubmissions({ count: 1, errorType: "Validation", errorReason: "ACTIONTRACKER_NOT_FOUND" });
    await drainToOutcome(worker);
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "rejected",
      impactErrorType: "Validation",
      impactErrorReason: "ACTIONTRACKER_NOT_FOUND",
    });

    await replayDelivery(scope, deliveryId);
    await drainToOutcome(worker);

    const row = await deliveryRow(deliveryId);
    expect(row).toMatchObject({ status: "delivered", generation: 1, impactErrorType: null, impactErrorReason: null });
    expect(fakes.impact.conversions()).toHaveLength(2);
  });

  it("sends a confirmed 'send again' as a second conversion", async () => {
    const { scope, deliveryId } = await storedConversion();
    await drainToOutcome(worker);
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "delivered", generation: 0 });
    await replayDelivery(scope, deliveryId, { confirmSendAgain: true });
    await drainToOutcome(worker);
    expect(fakes.impact.conversions()).toHaveLength(2);
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "delivered", generation: 1 });
  });
});
