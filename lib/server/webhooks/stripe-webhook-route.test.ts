// Intake through the real route handler (SPEC §5), against real PostgreSQL.

import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/[integrationId]/route";
import { prisma } from "@/lib/db";
import { createTestIntegration, signedWebhookRequest } from "@/testing/db/factories";
import { buildCharge } from "@/testing/stripe/builders/charge";
import { buildCheckoutSession } from "@/testing/stripe/builders/checkout";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

const url = (integrationId: string) => `http://portal.test/api/webhooks/stripe/${integrationId}`;
const post = (integrationId: string, request: Request) => POST(request, { params: Promise.resolve({ integrationId }) });

async function send(
  integrationId: string,
  event: object,
  secret: string,
  options?: { timestamp?: number; body?: string },
) {
  const response = await post(integrationId, signedWebhookRequest(url(integrationId), event, secret, options));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("POST /api/webhooks/stripe/[integrationId]", () => {
  it("stores a paid first invoice with one pending conversion keyed by the invoice (its event type is decided later)", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const invoice = buildPaidInvoice({ billingReason: "subscription_create", customer: "cus_A" });
    const event = buildEvent("invoice.paid", invoice);

    const response = await send(integration.id, event, webhookSecret);

    expect(response).toEqual({ status: 200, body: { received: true, duplicate: false, event: event.id } });
    const stored = await prisma.stripeEvent.findUniqueOrThrow({
      where: { integrationId_stripeEventId: { integrationId: integration.id, stripeEventId: event.id } },
      include: { deliveries: true },
    });
    expect(stored).toMatchObject({
      type: "invoice.paid",
      status: "accepted",
      customerId: "cus_A",
      accountId: integration.accountId,
    });
    expect(stored.payload).toEqual(JSON.parse(JSON.stringify(event)));
    expect(stored.deliveries).toHaveLength(1);
    expect(stored.deliveries[0]).toMatchObject({
      kind: "conversion",
      status: "pending",
      orderId: invoice.id,
      // First or recurring is decided by the job from the subscription's paid invoices, not at intake.
      eventTypeId: null,
      dedupeKey: `conversion:invoice:${invoice.id}`,
    });
  });

  it("answers with the caller's x-request-id, or a fresh one, on success and on refusal", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const request = signedWebhookRequest(
      url(integration.id),
      buildEvent("invoice.paid", buildPaidInvoice()),
      webhookSecret,
    );
    request.headers.set("x-request-id", "stripe-req-42");

    const stored = await post(integration.id, request);
    const refused = await post(integration.id, signedWebhookRequest(url(integration.id), {}, "whsec_wrong"));

    expect(stored.headers.get("x-request-id")).toBe("stripe-req-42");
    expect(refused.status).toBe(400);
    expect(refused.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers a duplicate with 200 and changes nothing", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const event = buildEvent("invoice.paid", buildPaidInvoice({ billingReason: "subscription_cycle" }));
    await send(integration.id, event, webhookSecret);
    const before = await prisma.delivery.findMany({ where: { integrationId: integration.id } });

    const again = await send(integration.id, event, webhookSecret);

    expect(again).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await prisma.stripeEvent.count({ where: { integrationId: integration.id } })).toBe(1);
    expect(await prisma.delivery.findMany({ where: { integrationId: integration.id } })).toEqual(before);
  });

  it("stores ten concurrent copies of one event exactly once", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const event = buildEvent("invoice.paid", buildPaidInvoice({ billingReason: "subscription_create" }));

    const responses = await Promise.all(Array.from({ length: 10 }, () => send(integration.id, event, webhookSecret)));

    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(responses.filter((response) => response.body.duplicate === false)).toHaveLength(1);
    expect(await prisma.stripeEvent.count({ where: { integrationId: integration.id } })).toBe(1);
    expect(await prisma.delivery.count({ where: { integrationId: integration.id } })).toBe(1);
  });

  it("keeps one conversion when two different events carry the same invoice", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const invoice = buildPaidInvoice({ billingReason: "subscription_create" });
    await send(integration.id, buildEvent("invoice.paid", invoice), webhookSecret);
    const second = await send(integration.id, buildEvent("invoice.paid", invoice), webhookSecret);

    expect(second.status).toBe(200);
    expect(await prisma.stripeEvent.count({ where: { integrationId: integration.id } })).toBe(2);
    const deliveries = await prisma.delivery.findMany({
      where: { integrationId: integration.id },
      orderBy: { createdAt: "asc" },
    });
    expect(deliveries.map((delivery) => delivery.status)).toEqual(["pending", "skipped"]);
    expect(deliveries[1]!.skipReason).toMatch(/^duplicate: a conversion for order in_/);
  });

  it("rejects a bad signature, a missing one and a stale one with 400, storing nothing", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const event = buildEvent("invoice.paid", buildPaidInvoice());

    const wrongSecret = await send(integration.id, event, "whsec_not_the_right_one");
    const stale = await send(integration.id, event, webhookSecret, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const unsigned = await post(
      integration.id,
      new Request(url(integration.id), { method: "POST", body: JSON.stringify(event) }),
    );
    const tampered = await post(
      integration.id,
      (() => {
        const request = signedWebhookRequest(url(integration.id), event, webhookSecret);
        return new Request(request.url, {
          method: "POST",
          headers: request.headers,
          body: JSON.stringify({ ...event, id: "evt_forged" }),
        });
      })(),
    );

    expect(wrongSecret).toMatchObject({ status: 400, body: { error: { code: "BAD_REQUEST" } } });
    expect(String((wrongSecret.body.error as { message: string }).message)).toMatch(/signature verification failed/);
    expect(stale.status).toBe(400);
    expect(String((stale.body.error as { message: string }).message)).toMatch(/tolerance/i);
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({
      error: { code: "BAD_REQUEST", message: "missing Stripe-Signature header" },
    });
    expect(tampered.status).toBe(400);
    expect(await prisma.stripeEvent.count({ where: { integrationId: integration.id } })).toBe(0);
  });

  it("rejects a signed body that is not JSON or not an event with 400", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const truncated = await send(integration.id, {}, webhookSecret, { body: '{"id":"evt_1","object":"ev' });
    const notEvent = await send(integration.id, { id: "evt_1", object: "charge" }, webhookSecret);
    expect(truncated.status).toBe(400);
    expect(notEvent.status).toBe(400);
    expect(String((notEvent.body.error as { message: string }).message)).toMatch(/not a Stripe event: object/);
    expect(await prisma.stripeEvent.count({ where: { integrationId: integration.id } })).toBe(0);
  });

  it("refuses bodies over 1 MiB with 413, declared or streamed", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const huge = buildEvent("invoice.paid", buildPaidInvoice({ metadata: { padding: "x".repeat(1024 * 1024) } }));
    const declared = await send(integration.id, huge, webhookSecret);
    const body = JSON.stringify(huge);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body));
        controller.close();
      },
    });
    const chunked = await post(
      integration.id,
      new Request(url(integration.id), { method: "POST", body: stream, duplex: "half" } as RequestInit),
    );
    expect(declared.status).toBe(413);
    expect(chunked.status).toBe(413);
    expect(await prisma.stripeEvent.count({ where: { integrationId: integration.id } })).toBe(0);
  });

  it("answers 404 for an unknown integration", async () => {
    const response = await send("does-not-exist", buildEvent("invoice.paid", buildPaidInvoice()), "whsec_x");
    expect(response).toEqual({
      status: 404,
      body: { error: { code: "NOT_FOUND", message: "no integration with this id" } },
    });
  });

  it("stores unmapped types as ignored with the reason, and skipped plans with theirs", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const ignored = buildEvent("customer.created", { id: "cus_1", object: "customer" } as never);
    // A manual invoice of no subscription: a one-off (SPEC §7).
    const manual = buildEvent("invoice.paid", buildPaidInvoice({ billingReason: "manual", subscription: null }));
    const subscriptionCheckout = buildEvent(
      "checkout.session.completed",
      buildCheckoutSession({ mode: "subscription" }),
    );

    for (const event of [ignored, manual, subscriptionCheckout])
      expect((await send(integration.id, event, webhookSecret)).status).toBe(200);

    const events = await prisma.stripeEvent.findMany({
      where: { integrationId: integration.id },
      include: { deliveries: true },
    });
    const byId = new Map(events.map((event) => [event.stripeEventId, event]));
    expect(byId.get(manual.id)!.outcome).toBe("skipped");
    expect(byId.get(ignored.id)).toMatchObject({
      status: "ignored",
      outcome: "ignored",
      ignoredReason: "event type customer.created is not mapped to impact.com",
    });
    expect(byId.get(manual.id)!.deliveries[0]).toMatchObject({
      status: "skipped",
      skipReason: expect.stringMatching(/^one-off invoice \(billing_reason manual/),
    });
    expect(byId.get(subscriptionCheckout.id)!.deliveries[0]).toMatchObject({
      status: "skipped",
      skipReason: expect.stringMatching(/invoice.paid carries the money/),
    });
  });

  it("schedules a refund after REFUND_DELAY", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const before = Date.now();
    await send(integration.id, buildEvent("charge.refunded", buildCharge({ amountRefunded: 500 })), webhookSecret);
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { integrationId: integration.id } });
    expect(delivery).toMatchObject({ kind: "modification", status: "pending" });
    // Default REFUND_DELAY is 1h.
    expect(delivery.dueAt!.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
  });

  it("answers 503 and stores nothing when the database refuses the write", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    // A trigger that fails every insert stands in for a database that breaks mid-transaction.
    await prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION fail_insert() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER fail_delivery_insert BEFORE INSERT ON "Delivery" FOR EACH ROW EXECUTE FUNCTION fail_insert()`,
    );
    try {
      const response = await send(
        integration.id,
        buildEvent("invoice.paid", buildPaidInvoice({ billingReason: "subscription_create" })),
        webhookSecret,
      );
      expect(response).toMatchObject({ status: 503, body: { error: { code: "UNAVAILABLE" } } });
      // The event insert ran before the failing delivery insert: one transaction means it is gone too.
      expect(await prisma.stripeEvent.count({ where: { integrationId: integration.id } })).toBe(0);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER fail_delivery_insert ON "Delivery"`);
    }
  });
});
