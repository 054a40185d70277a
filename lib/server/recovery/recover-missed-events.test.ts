import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { recoverMissedEvents } from "@/lib/server/recovery/recover-missed-events";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildCharge } from "@/testing/stripe/builders/charge";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

const fakes = useFakes();
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

async function setup() {
  const stripeAccount = fakes.stripe.addAccount({ keys: [{}] });
  const { integration } = await createTestIntegration({ stripeApiKey: stripeAccount.keys[0]!.key });
  return { integration, stripeAccountId: stripeAccount.id };
}

describe("recoverMissedEvents", () => {
  it("ingests only the events not stored yet, re-reading each object at the pinned API version", async () => {
    const { integration, stripeAccountId } = await setup();
    const delivered = buildPaidInvoice({ billingReason: "subscription_create" });
    const missed = buildPaidInvoice({ billingReason: "subscription_cycle", amountPaid: 4200 });
    const webhookEvent = buildEvent("invoice.paid", delivered, { created: seconds(hoursAgo(5)) });
    // The missed event was listed in an old API version whose invoice shape differs.
    const oldShape = { ...missed, subscription: "sub_old_field", amount_paid: 1 } as never;
    const missedEvent = buildEvent("invoice.paid", oldShape, {
      created: seconds(hoursAgo(4)),
      apiVersion: "2024-06-20",
    });
    const tooOld = buildEvent("invoice.paid", buildPaidInvoice(), { created: seconds(hoursAgo(100)) });
    fakes.stripe.seed(stripeAccountId, delivered, missed);
    fakes.stripe.seedEvents(stripeAccountId, webhookEvent, missedEvent, tooOld);
    await storeStripeEvent(integration, webhookEvent, "webhook");

    const report = await recoverMissedEvents(integration.accountId, integration.id, {
      from: hoursAgo(24),
      to: new Date(),
    });

    expect(report).toEqual({ listed: 2, alreadyStored: 1, ingested: 1, failed: [] });
    const stored = await prisma.stripeEvent.findUniqueOrThrow({
      where: { integrationId_stripeEventId: { integrationId: integration.id, stripeEventId: missedEvent.id } },
      include: { deliveries: true },
    });
    expect(stored.source).toBe("recovery");
    const payloadObject = (stored.payload as { data: { object: Record<string, unknown> } }).data.object;
    expect(payloadObject.amount_paid).toBe(4200);
    expect(payloadObject).not.toHaveProperty("subscription");
    expect(stored.deliveries[0]).toMatchObject({
      kind: "conversion",
      status: "pending",
      orderId: missed.id,
      eventTypeId: null, // first or recurring: decided by the job from the subscription's paid invoices
    });
  });

  it("is idempotent: a second run ingests nothing", async () => {
    const { integration, stripeAccountId } = await setup();
    const charge = buildCharge({ amountRefunded: 500 });
    fakes.stripe.seed(stripeAccountId, charge);
    fakes.stripe.seedEvents(stripeAccountId, buildEvent("charge.refunded", charge, { created: seconds(hoursAgo(1)) }));
    const window = { from: hoursAgo(2), to: new Date() };

    expect((await recoverMissedEvents(integration.accountId, integration.id, window)).ingested).toBe(1);
    expect(await recoverMissedEvents(integration.accountId, integration.id, window)).toEqual({
      listed: 1,
      alreadyStored: 1,
      ingested: 0,
      failed: [],
    });
    expect(await prisma.delivery.count({ where: { integrationId: integration.id } })).toBe(1);
  });

  it("reports an object Stripe can no longer read, and goes on with the rest", async () => {
    const { integration, stripeAccountId } = await setup();
    const kept = buildPaidInvoice({ billingReason: "subscription_create" });
    const gone = buildPaidInvoice({ billingReason: "subscription_create" });
    fakes.stripe.seed(stripeAccountId, kept);
    fakes.stripe.seedEvents(
      stripeAccountId,
      buildEvent("invoice.paid", kept, { created: seconds(hoursAgo(2)) }),
      buildEvent("invoice.paid", gone, { created: seconds(hoursAgo(3)) }),
    );
    const report = await recoverMissedEvents(integration.accountId, integration.id, {
      from: hoursAgo(5),
      to: new Date(),
    });
    expect(report.ingested).toBe(1);
    expect(report.failed).toEqual([
      { stripeEventId: expect.stringMatching(/^evt_/), error: expect.stringMatching(/No such invoice/i) },
    ]);
  });

  it("refuses windows Stripe cannot serve, naming the rule", async () => {
    const { integration } = await setup();
    await expect(
      recoverMissedEvents(integration.accountId, integration.id, { from: hoursAgo(31 * 24), to: new Date() }),
    ).rejects.toThrow(/Stripe keeps events for 30 days/);
    await expect(
      recoverMissedEvents(integration.accountId, integration.id, { from: new Date(), to: hoursAgo(1) }),
    ).rejects.toThrow(/must start before it ends/);
    await expect(
      recoverMissedEvents(integration.accountId, integration.id, { from: "yesterday", to: new Date() }),
    ).rejects.toThrow(/Choose when the window starts/);
  });

  it("answers NOT_FOUND for another account's integration", async () => {
    const { integration } = await setup();
    const other = await createTestAccount();
    await expect(
      recoverMissedEvents(other.id, integration.id, { from: hoursAgo(1), to: new Date() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
