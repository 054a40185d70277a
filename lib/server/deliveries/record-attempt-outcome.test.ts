// recordAttemptOutcome is one SQL statement (outcome-statement.ts): what Prisma's update did field by field
// — undefined keeps a column, null clears it, UTC times round-trip, a lost lease writes nothing — is pinned here.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { raiseAlert } from "@/lib/server/alerts/raise-alert";
import { beginImpactAttempt, UNKNOWN_OUTCOME_ERROR } from "@/lib/server/deliveries/begin-impact-attempt";
import type { AttemptRecord } from "@/lib/server/deliveries/outcome-update";
import { recordAttemptOutcome } from "@/lib/server/deliveries/record-attempt-outcome";
import { createTestEvent, type TestEventOptions } from "@/testing/db/event-factories";
import { createTestIntegration } from "@/testing/db/factories";

const LEASE = "lease-of-this-test";

/** A delivery this test holds the lease of. */
async function leasedDelivery(options: TestEventOptions = {}) {
  const { integration } = await createTestIntegration();
  const { delivery, event } = await createTestEvent(integration, { outcome: "pending", ...options });
  await prisma.delivery.update({
    where: { id: delivery!.id },
    data: { leaseToken: LEASE, leaseUntil: new Date(Date.now() + 60_000) },
  });
  return { integration, deliveryId: delivery!.id, eventId: event.id };
}

function impactAnswer(overrides: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    runner: "local",
    startedAt: new Date("2026-12-04T10:00:00.123Z"),
    durationMs: 87,
    requestMethod: "POST",
    requestUrl: "https://api.impact.test/Advertisers/IRTEST/Conversions",
    requestBody: "OrderId=in_1",
    responseStatus: 200,
    responseBody: '{"Status":"QUEUED"}',
    ...overrides,
  };
}

const read = (id: string) =>
  prisma.delivery.findUniqueOrThrow({ where: { id }, include: { attempts: true, stripeEvent: true } });

describe("recordAttemptOutcome", () => {
  it("records a queued send: the attempt, the delivery's new state, its facts and the event's outcome", async () => {
    const { deliveryId } = await leasedDelivery();
    const dueAt = new Date("2026-12-04T10:00:10.456Z");
    const sentAt = new Date("2026-12-04T10:00:00.300Z");

    const isRecorded = await recordAttemptOutcome(
      deliveryId,
      LEASE,
      {
        status: "sent",
        dueAt,
        lastError: null,
        queuedUri: "/Advertisers/IRTEST/APISubmissions/A1",
        sentAt,
        countsAsAttempt: true,
        facts: { orderId: "in_sent", eventTypeId: "77", amount: "4999", currency: "USD", clickIdSource: null },
      },
      impactAnswer(),
    );

    expect(isRecorded).toBe(true);
    const delivery = await read(deliveryId);
    expect(delivery).toMatchObject({
      status: "sent",
      attemptCount: 1,
      leaseToken: null,
      leaseUntil: null,
      lastStatusCode: 200,
      lastError: null,
      queuedUri: "/Advertisers/IRTEST/APISubmissions/A1",
      outcomeReads: 0,
      orderId: "in_sent",
      eventTypeId: "77",
      amount: "4999",
      currency: "USD",
      clickIdSource: null,
      deliveredAt: null,
    });
    expect(delivery.dueAt?.toISOString()).toBe(dueAt.toISOString());
    expect(delivery.sentAt?.toISOString()).toBe(sentAt.toISOString());
    expect(delivery.stripeEvent.outcome).toBe("sent");
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({
      number: 1,
      generation: 0,
      durationMs: 87,
      runner: "local",
      requestMethod: "POST",
      responseStatus: 200,
      responseBody: '{"Status":"QUEUED"}',
      error: null,
      isInFlight: false,
    });
    expect(delivery.attempts[0]!.startedAt.toISOString()).toBe("2026-12-04T10:00:00.123Z");
    expect(delivery.attempts[0]!.nextAttemptAt?.toISOString()).toBe(dueAt.toISOString());
  });

  it("keeps what the update leaves undefined and clears what it sets to null", async () => {
    const { deliveryId } = await leasedDelivery({
      orderId: "in_kept",
      lastError: "impact.com answered 503",
      lastStatusCode: 503,
    });

    // A refund waiting for its conversion: no attempt, nothing about the last answer changes.
    await recordAttemptOutcome(deliveryId, LEASE, {
      status: "pending",
      dueAt: new Date(Date.now() + 60_000),
      countsAsAttempt: false,
    });
    const waiting = await read(deliveryId);
    expect(waiting).toMatchObject({
      orderId: "in_kept",
      lastError: "impact.com answered 503",
      lastStatusCode: 503,
      attemptCount: 0,
      leaseToken: null,
    });
    expect(waiting.attempts).toHaveLength(0);

    await prisma.delivery.update({ where: { id: deliveryId }, data: { leaseToken: LEASE } });
    await recordAttemptOutcome(deliveryId, LEASE, {
      status: "skipped",
      dueAt: null,
      lastError: null,
      skipReason: "why",
      countsAsAttempt: false,
    });
    expect(await read(deliveryId)).toMatchObject({
      status: "skipped",
      dueAt: null,
      lastError: null,
      skipReason: "why",
      orderId: "in_kept",
      lastStatusCode: 503,
    });
  });

  it("writes nothing when the lease is another worker's", async () => {
    const { deliveryId } = await leasedDelivery({ lastError: "before" });
    const before = await read(deliveryId);

    const isRecorded = await recordAttemptOutcome(
      deliveryId,
      "someone-elses-lease",
      { status: "delivered", dueAt: null, lastError: null, countsAsAttempt: true },
      impactAnswer(),
    );

    expect(isRecorded).toBe(false);
    const after = await read(deliveryId);
    expect(after.attempts).toHaveLength(0);
    expect(after.stripeEvent.outcome).toBe(before.stripeEvent.outcome);
    expect({ ...after, attempts: [], stripeEvent: null }).toEqual({ ...before, attempts: [], stripeEvent: null });
  });

  it("completes the in-flight row of a read, counts the read and marks a processed submission delivered", async () => {
    const { deliveryId } = await leasedDelivery({ outcome: "sent", outcomeReads: 2 });
    await prisma.delivery.update({ where: { id: deliveryId }, data: { leaseToken: LEASE } });
    const begun = await beginImpactAttempt(
      deliveryId,
      LEASE,
      {
        runner: "inngest",
        startedAt: new Date(),
        requestMethod: "GET",
        requestUrl: "https://impact/s",
        requestBody: "",
      },
      { resendUnfinished: true },
    );
    expect(begun.kind).toBe("begun");
    const attemptId = begun.kind === "begun" ? begun.attemptId : "";

    await recordAttemptOutcome(
      deliveryId,
      LEASE,
      { status: "delivered", dueAt: null, lastError: null, isOutcomeRead: true, countsAsAttempt: false },
      impactAnswer({ runner: "inngest", requestMethod: "GET", inFlightAttemptId: attemptId }),
    );

    const delivery = await read(deliveryId);
    expect(delivery).toMatchObject({ status: "delivered", outcomeReads: 3, attemptCount: 1 });
    expect(delivery.deliveredAt).toBeInstanceOf(Date);
    expect(Math.abs(delivery.deliveredAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({
      id: attemptId,
      isInFlight: false,
      requestMethod: "GET",
      responseStatus: 200,
      nextAttemptAt: null,
    });
  });

  it("stores impact.com's words for a rejected submission verbatim", async () => {
    const { deliveryId } = await leasedDelivery({ outcome: "sent" });
    await prisma.delivery.update({ where: { id: deliveryId }, data: { leaseToken: LEASE } });

    await recordAttemptOutcome(
      deliveryId,
      LEASE,
      {
        status: "rejected",
        dueAt: null,
        lastError: "impact.com rejected the submission",
        isOutcomeRead: true,
        impactError: { type: "Validation", reason: "ORDER_ID_'QUOTED' — ünïcode" },
        countsAsAttempt: false,
      },
      impactAnswer({ requestMethod: "GET" }),
    );

    expect(await read(deliveryId)).toMatchObject({
      status: "rejected",
      impactErrorType: "Validation",
      impactErrorReason: "ORDER_ID_'QUOTED' — ünïcode",
      stripeEvent: { outcome: "rejected" },
    });
  });

  it("closes the attempts a dead worker left in flight, but not the one it completes", async () => {
    const { deliveryId } = await leasedDelivery();
    const begin = () =>
      beginImpactAttempt(
        deliveryId,
        LEASE,
        {
          runner: "local",
          startedAt: new Date(),
          requestMethod: "PUT",
          requestUrl: "https://impact/a",
          requestBody: "",
        },
        { resendUnfinished: true },
      );
    const deadWorkers = await begin();
    const current = await begin();
    expect(deadWorkers.kind).toBe("begun");
    expect(current.kind).toBe("begun");
    const currentId = current.kind === "begun" ? current.attemptId : "";

    await recordAttemptOutcome(
      deliveryId,
      LEASE,
      { status: "delivered", dueAt: null, lastError: null, countsAsAttempt: true, closesUnfinished: true },
      impactAnswer({ requestMethod: "PUT", inFlightAttemptId: currentId }),
    );

    const { attempts } = await read(deliveryId);
    const byId = new Map(attempts.map((attempt) => [attempt.id, attempt]));
    expect(byId.get(currentId)).toMatchObject({ isInFlight: false, error: null, responseStatus: 200 });
    const dead = attempts.find((attempt) => attempt.id !== currentId);
    expect(dead).toMatchObject({ isInFlight: false, error: UNKNOWN_OUTCOME_ERROR, responseStatus: null });
  });

  it("clears the alerts an answered attempt shows resolved in its own statement, and none when its lease is lost", async () => {
    const { integration, deliveryId } = await leasedDelivery();
    for (const kind of ["impact_token_refused", "stripe_key_refused", "delivery_rejected"] as const) {
      await raiseAlert({ integrationId: integration.id, kind, detail: "raised by the test" });
    }
    const openKinds = async () =>
      (
        await prisma.alert.findMany({
          where: { integrationId: integration.id, clearedAt: null },
          orderBy: { kind: "asc" },
        })
      ).map((alert) => alert.kind);
    const delivered = {
      status: "delivered",
      dueAt: null,
      lastError: null,
      countsAsAttempt: true,
      stripeAccess: "granted",
    } as const;

    expect(await recordAttemptOutcome(deliveryId, "someone-elses-lease", delivered, impactAnswer())).toBe(false);
    expect(await openKinds()).toHaveLength(3);

    expect(await recordAttemptOutcome(deliveryId, LEASE, delivered, impactAnswer())).toBe(true);
    expect(await openKinds()).toEqual(["delivery_rejected"]);
    const cleared = await prisma.alert.findMany({ where: { integrationId: integration.id, clearedAt: { not: null } } });
    expect(cleared.map((alert) => alert.clearedReason)).toEqual(["resolved", "resolved"]);
  });
});
