import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import type { EventScope } from "@/lib/server/events/event-scope";
import { getEventDetail } from "@/lib/server/events/get-event-detail";
import { createTestEvent } from "@/testing/db/event-factories";
import { createTestIntegration } from "@/testing/db/factories";

const URL = "https://api.impact.com/Advertisers/IR1/Conversions";

describe("getEventDetail", () => {
  it("returns the payload, the mapped request of the latest attempt and every attempt newest first", async () => {
    const { integration } = await createTestIntegration();
    const { event, delivery } = await createTestEvent(integration, {
      outcome: "delivered",
      orderId: "in_42",
      generation: 1,
    });
    const attempt = (
      number: number,
      generation: number,
      minute: number,
      responseStatus: number | null,
      requestBody: string,
      error?: string,
    ) =>
      prisma.deliveryAttempt.create({
        data: {
          deliveryId: delivery!.id,
          number,
          generation,
          startedAt: new Date(Date.UTC(2026, 10, 22, 8, minute)),
          durationMs: 12,
          runner: "local",
          requestMethod: requestBody ? "POST" : "GET",
          requestUrl: requestBody ? URL : "Stripe API",
          requestBody,
          responseStatus,
          error,
        },
      });
    await attempt(1, 0, 0, 400, "CampaignId=1001&OrderId=in_42&ClickId=old");
    await attempt(1, 1, 1, null, "", "reading from Stripe failed: timeout");
    await attempt(1, 1, 2, 200, "CampaignId=1001&OrderId=in_42&ClickId=abc%20def&ItemSku1=Subscription");

    const detail = await getEventDetail({ role: "brand", accountId: integration.accountId }, event.id);

    expect(JSON.parse(detail.payloadJson)).toEqual(event.payload);
    expect(detail).toMatchObject({
      id: event.id,
      stripeEventId: event.stripeEventId,
      outcome: "delivered",
      source: "webhook",
      integration: { mode: "test" },
    });
    expect(detail.deliveries).toHaveLength(1);
    expect(detail.deliveries[0]!.request).toEqual({
      method: "POST",
      url: URL,
      params: [
        ["CampaignId", "1001"],
        ["OrderId", "in_42"],
        ["ClickId", "abc def"],
        ["ItemSku1", "Subscription"],
      ],
    });
    expect(detail.deliveries[0]!.attempts.map((row) => [row.generation, row.responseStatus, row.error])).toEqual([
      [1, 200, null],
      [1, null, "reading from Stripe failed: timeout"],
      [0, 400, null],
    ]);
  });

  it("shows when impact.com queued a sent submission and how often its outcome was read", async () => {
    const { integration } = await createTestIntegration();
    const sentAt = new Date(Date.UTC(2026, 11, 4, 9, 30));
    const { event } = await createTestEvent(integration, { outcome: "sent", sentAt, outcomeReads: 3 });
    const detail = await getEventDetail({ role: "brand", accountId: integration.accountId }, event.id);
    expect(detail.deliveries[0]).toMatchObject({
      status: "sent",
      sentAt: sentAt.toISOString(),
      outcomeReads: 3,
      queuedUri: expect.stringMatching(/APISubmissions/),
      impactErrorType: null,
    });
  });

  it("carries the subscription and the rule that chose a conversion's event type; null when none was recorded", async () => {
    const { integration } = await createTestIntegration();
    const scope: EventScope = { role: "brand", accountId: integration.accountId };
    const { event, delivery } = await createTestEvent(integration, { outcome: "delivered", orderId: "in_first" });
    const rule = "first paid invoice of sub_123, after a trial";
    await prisma.delivery.update({
      where: { id: delivery!.id },
      data: { subscriptionId: "sub_123", eventTypeRule: rule },
    });
    expect((await getEventDetail(scope, event.id)).deliveries[0]).toMatchObject({
      kind: "conversion",
      subscriptionId: "sub_123",
      eventTypeRule: rule,
    });

    const { event: plain } = await createTestEvent(integration, { outcome: "pending" });
    expect((await getEventDetail(scope, plain.id)).deliveries[0]).toMatchObject({
      subscriptionId: null,
      eventTypeRule: null,
    });
  });

  it("answers NOT_FOUND for another account's event; staff see it", async () => {
    const { integration } = await createTestIntegration();
    const { event } = await createTestEvent(integration, { outcome: "skipped", reason: "manual invoice" });
    const stranger: EventScope = { role: "brand", accountId: (await createTestIntegration()).account.id };
    await expect(getEventDetail(stranger, event.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const detail = await getEventDetail({ role: "staff", staffUserId: "s" }, event.id);
    expect(detail.deliveries[0]).toMatchObject({
      status: "skipped",
      skipReason: "manual invoice",
      request: null,
      attempts: [],
    });
    expect(detail.account.id).toBe(integration.accountId);
  });
});
