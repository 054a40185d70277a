// What the fuzz drill (`npm run drill -- fuzz`) found: signed events PostgreSQL could not store, and
// URL ids it could not even compare, answered 503 — for a signed event that means Stripe retrying for
// days and then disabling the endpoint. Each is now stored (made storable) or refused with a 4xx.
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/[integrationId]/route";
import { prisma } from "@/lib/db";
import { createTestIntegration, signedWebhookRequest } from "@/testing/db/factories";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

async function send(integrationId: string, body: string, secret: string) {
  const request = signedWebhookRequest(
    `http://portal.test/api/webhooks/stripe/${encodeURIComponent(integrationId)}`,
    {},
    secret,
    { body },
  );
  const response = await POST(request, { params: Promise.resolve({ integrationId }) });
  return { status: response.status, body: (await response.json()) as { error?: { message: string } } };
}

describe("signed events the database could not store", () => {
  it("stores an event whose metadata holds \\u0000 and lone surrogates, with U+FFFD in their place", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const event = buildEvent(
      "invoice.paid",
      buildPaidInvoice({
        billingReason: "subscription_create",
        metadata: { note: "a\u0000b", half: "x\ud800y", pair: "🙂", literal: "\\u0000" },
      }),
    );

    const response = await send(integration.id, JSON.stringify(event), webhookSecret);

    expect(response.status).toBe(200);
    const stored = await prisma.stripeEvent.findFirstOrThrow({ where: { integrationId: integration.id } });
    const metadata = (stored.payload as { data: { object: { metadata: Record<string, string> } } }).data.object
      .metadata;
    expect(metadata).toEqual({ note: "a\ufffdb", half: "x\ufffdy", pair: "🙂", literal: "\\u0000" });
    expect(await prisma.delivery.count({ where: { integrationId: integration.id, status: "pending" } })).toBe(1);
  });

  it("stores a NUL inside the fields it copies into columns (customer, order id) as U+FFFD", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const invoice = buildPaidInvoice({
      id: "in_\u0000nul",
      customer: "cus_\u0000nul",
      billingReason: "subscription_create",
    });

    const response = await send(integration.id, JSON.stringify(buildEvent("invoice.paid", invoice)), webhookSecret);

    expect(response.status).toBe(200);
    const stored = await prisma.stripeEvent.findFirstOrThrow({
      where: { integrationId: integration.id },
      include: { deliveries: true },
    });
    expect(stored.customerId).toBe("cus_\ufffdnul");
    expect(stored.deliveries[0]!.orderId).toBe("in_\ufffdnul");
  });

  it("refuses with 400 an event created after year 9999 or with a NUL in its type or API version", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const base = buildEvent("invoice.paid", buildPaidInvoice());
    for (const change of [
      { created: 253_402_300_800 },
      { created: 10_000_000_000_000 },
      { type: "invoice.paid\u0000" },
      { api_version: "2026\u0000" },
    ]) {
      const response = await send(integration.id, JSON.stringify({ ...base, ...change }), webhookSecret);
      expect(response.status, JSON.stringify(change)).toBe(400);
    }
    expect(await prisma.stripeEvent.count({ where: { integrationId: integration.id } })).toBe(0);
  });

  it("answers 404 for an integration id no database could hold (NUL, 2,000 characters, unicode)", async () => {
    const { webhookSecret } = await createTestIntegration();
    for (const id of ["int\u0000", "x".repeat(2_000), "漢字🙂", "../etc"]) {
      const response = await send(id, JSON.stringify(buildEvent("invoice.paid", buildPaidInvoice())), webhookSecret);
      expect(response.status, id.slice(0, 20)).toBe(404);
    }
  });
});
