// The demo stream end to end, fifty times faster: an integration created through the portal's own code
// registers its endpoint with the fake Stripe, which posts the whole scenario over HTTP, signed, to the
// real webhook route; the local worker (running, as in the portal) sends to the fake impact.com and
// follows each submission. What a newcomer should see is asserted on the portal's rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { LocalWorker } from "@/lib/server/deliveries/local-worker";
import { createIntegration } from "@/lib/server/integrations/create-integration";
import { DEFAULT_INTEGRATION } from "@/testing/db/default-integration";
import { createTestAccount } from "@/testing/db/factories";
import { applyDemoImpactPlan } from "@/testing/fakes/demo-impact-plan";
import { integrationInput } from "@/testing/fakes/integration-fixtures";
import { DEMO_REJECTION } from "@/testing/fakes/stripe/demo-scenario";
import type { DemoStreamView } from "@/testing/fakes/stripe/demo-stream";
import { useFakes } from "@/testing/fakes/use-fakes";
import { startWebhookIntakeServer } from "@/testing/harness/webhook-intake-server";

const intake = await startWebhookIntakeServer();
beforeAll(() => {
  // The demo's delays (10 s, 20 s, 5 s), fifty times shorter like the stream's schedule.
  process.env.IMPACT_POLL_DELAY = "200ms";
  process.env.REFUND_DELAY = "400ms";
  process.env.RETRY_BASE_DELAY = "100ms";
});
const fakes = useFakes({
  publicUrl: intake.url,
  stripe: { onDemoImpactPlan: (plan) => applyDemoImpactPlan(fakes.impact, plan) },
  impact: { submissionTiming: { inProgressAfterMs: 60, completeAfterMs: 160 } },
});
const TIME_SCALE = 0.02;
const worker = new LocalWorker({ maxIdleMs: 100 });
afterAll(async () => {
  await worker.stop();
  await intake.close();
});

async function until<T>(what: string, read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the demo stream through the portal", () => {
  it("brings every outcome: delivered, rejected with impact's words, retried then delivered, skipped, refunds, a lost dispute, exact JPY and KWD", async () => {
    worker.start();
    const account = await createTestAccount();
    fakes.impact.addAccount({ sid: account.impactSid, authTokens: [DEFAULT_INTEGRATION.impactAuthToken] });
    const stripeAccount = fakes.stripe.addAccount({ keys: [{}] });
    fakes.stripe.setDemoStream({ accountId: stripeAccount.id, timeScale: TIME_SCALE });

    const { id: integrationId } = await createIntegration(account.id, integrationInput(stripeAccount.keys[0]!.key));

    const stream = await until(
      "the stream to finish",
      async (): Promise<DemoStreamView | undefined> => fakes.stripe.demoStreams().streams[0],
      (found) => found !== undefined && found.endedBecause !== null,
    );
    expect(stream!.endedBecause).toBe(`finished: ${stream!.stepsTotal} events sent`);
    expect(stream!.sent.every((step) => step.statuses.join() === "200")).toBe(true);
    await until(
      "every delivery to settle",
      () => prisma.delivery.count({ where: { integrationId, status: { in: ["pending", "retrying", "sent"] } } }),
      (active) => active === 0,
    );

    const byKey = new Map(stream!.sent.map((step) => [step.key, step.eventId]));
    const deliveryOf = async (key: string) => {
      const event = await prisma.stripeEvent.findUniqueOrThrow({
        where: { integrationId_stripeEventId: { integrationId, stripeEventId: byKey.get(key)! } },
        include: { deliveries: { include: { attempts: { orderBy: { number: "asc" } } } } },
      });
      expect(event.deliveries, key).toHaveLength(1);
      return { event, delivery: event.deliveries[0]! };
    };
    const sentParams = (orderId: string) => {
      const sent = fakes.impact.conversions().filter((request) => request.params.OrderId === orderId);
      expect(sent, `conversions of ${orderId}`).toHaveLength(1);
      return sent[0]!.params;
    };
    const actionAmounts = (orderId: string) =>
      fakes.impact
        .actionUpdates()
        .filter((request) => request.params.OrderId === orderId)
        .map((r) => r.params.Amount);

    // Every event Stripe sent is stored once, none ignored (the stream sends only the endpoint's four types).
    const events = await prisma.stripeEvent.findMany({ where: { integrationId } });
    expect(events).toHaveLength(stream!.stepsTotal);
    expect(events.filter((event) => event.status === "ignored")).toEqual([]);

    // Delivered, first and recurring, by the click id's place.
    const ada = await deliveryOf("subscription-with-click-id");
    expect(ada.delivery).toMatchObject({
      status: "delivered",
      eventTypeId: DEFAULT_INTEGRATION.eventTypeId,
      clickIdSource: "checkout_session",
      attemptCount: 1,
    });
    expect(sentParams(ada.delivery.orderId!)).toMatchObject({ ClickId: "irclk-ada-7Hq2", ItemSubTotal1: "49.00" });
    const renewal = await deliveryOf("renewal");
    expect(renewal.delivery).toMatchObject({
      status: "delivered",
      eventTypeId: DEFAULT_INTEGRATION.recurringEventTypeId,
    });
    const ben = await deliveryOf("subscription-without-click-id");
    expect(ben.delivery).toMatchObject({ status: "delivered", clickIdSource: null });
    expect(sentParams(ben.delivery.orderId!)).not.toHaveProperty("ClickId");
    expect((await deliveryOf("upgrade")).delivery).toMatchObject({
      status: "delivered",
      eventTypeId: DEFAULT_INTEGRATION.recurringEventTypeId,
    });

    // The trial: its $0 invoice skipped, its first paid invoice the first conversion.
    const trial = await deliveryOf("trial-starts");
    expect(trial.delivery.status).toBe("skipped");
    expect(trial.delivery.skipReason).toMatch(/^nothing paid/);
    const converted = await deliveryOf("trial-converts");
    expect(converted.delivery).toMatchObject({ status: "delivered", eventTypeId: DEFAULT_INTEGRATION.eventTypeId });
    expect(converted.delivery.eventTypeRule).toMatch(/^first paid invoice of sub_\w+, after a trial$/);
    const checkout = await deliveryOf("subscription-checkout");
    expect(checkout.delivery.status).toBe("skipped");
    expect(checkout.delivery.skipReason).toMatch(/^subscription checkout/);

    // Rejected by impact.com in its own words, and not sent again.
    const greta = await deliveryOf("rejected-by-impact");
    expect(greta.delivery).toMatchObject({
      status: "rejected",
      impactErrorType: DEMO_REJECTION.errorType,
      impactErrorReason: DEMO_REJECTION.errorReason,
      attemptCount: 1,
    });

    // Two 500s, then accepted: three sends, one conversion at impact.com.
    const hugo = await deliveryOf("fails-twice-then-delivered");
    expect(hugo.delivery).toMatchObject({ status: "delivered", attemptCount: 3 });
    const sends = hugo.delivery.attempts.filter((attempt) => attempt.requestMethod === "POST");
    expect(sends.map((attempt) => attempt.responseStatus)).toEqual([500, 500, 200]);
    sentParams(hugo.delivery.orderId!);

    // One currency of each decimal class, to the minor unit.
    const dora = await deliveryOf("checkout-with-promotion-code");
    expect(sentParams(dora.delivery.orderId!)).toMatchObject({
      CurrencyCode: "USD",
      OrderPromoCode: "SPRING20",
      ItemSubTotal1: "48.00",
      ItemSubTotal2: "32.00",
    });
    const emi = await deliveryOf("checkout-in-yen");
    expect(emi.delivery).toMatchObject({ status: "delivered", amount: "12000", currency: "JPY" });
    expect(sentParams(emi.delivery.orderId!)).toMatchObject({ CurrencyCode: "JPY", ItemSubTotal1: "12000" });
    const faisal = await deliveryOf("subscription-in-dinars");
    expect(faisal.delivery).toMatchObject({ status: "delivered", amount: "12500", currency: "KWD" });
    expect(sentParams(faisal.delivery.orderId!)).toMatchObject({ CurrencyCode: "KWD", ItemSubTotal1: "12.500" });

    // Refunds and the lost chargeback change the actions once their conversions are confirmed.
    const partial = await deliveryOf("partial-refund");
    expect(partial.delivery).toMatchObject({
      kind: "modification",
      status: "delivered",
      orderId: dora.delivery.orderId,
    });
    expect(actionAmounts(dora.delivery.orderId!)).toEqual(["50.00"]);
    const full = await deliveryOf("full-refund");
    expect(full.delivery).toMatchObject({ kind: "modification", status: "delivered", amount: "0" });
    expect(actionAmounts(emi.delivery.orderId!)).toEqual(["0"]);
    const dispute = await deliveryOf("dispute-lost");
    const iris = await deliveryOf("subscription-later-disputed");
    expect(dispute.delivery).toMatchObject({
      kind: "modification",
      status: "delivered",
      orderId: iris.delivery.orderId,
    });
    expect(actionAmounts(iris.delivery.orderId!)).toEqual(["0.00"]);

    // Nothing was sent twice.
    const orderIds = fakes.impact.conversions().map((request) => request.params.OrderId);
    expect(new Set(orderIds).size).toBe(orderIds.length);
  }, 120_000);
});
