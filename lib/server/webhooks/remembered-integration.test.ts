// Intake remembers an integration between webhooks (get-intake-integration.ts); these hold that what a
// brand changes still takes effect on the very next webhook.
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/[integrationId]/route";
import { encryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { createTestIntegration, signedWebhookRequest } from "@/testing/db/factories";
import { buildCheckoutSession } from "@/testing/stripe/builders/checkout";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

async function send(integrationId: string, event: object, secret: string) {
  const request = signedWebhookRequest(`http://portal.test/api/webhooks/stripe/${integrationId}`, event, secret);
  const response = await POST(request, { params: Promise.resolve({ integrationId }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const paidInvoice = () => buildEvent("invoice.paid", buildPaidInvoice({ billingReason: "subscription_create" }));

async function storedEvent(integrationId: string, stripeEventId: string) {
  return prisma.stripeEvent.findUniqueOrThrow({
    where: { integrationId_stripeEventId: { integrationId, stripeEventId } },
    include: { deliveries: true },
  });
}

describe("intake with a remembered integration", () => {
  it("ignores the next webhook once the brand disables the integration, and plans again once it is enabled", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    expect((await send(integration.id, paidInvoice(), webhookSecret)).status).toBe(200);

    await prisma.integration.update({ where: { id: integration.id }, data: { isEnabled: false } });
    const whileDisabled = paidInvoice();
    expect((await send(integration.id, whileDisabled, webhookSecret)).status).toBe(200);
    expect(await storedEvent(integration.id, whileDisabled.id)).toMatchObject({ status: "ignored", deliveries: [] });

    await prisma.integration.update({ where: { id: integration.id }, data: { isEnabled: true } });
    const enabledAgain = paidInvoice();
    expect((await send(integration.id, enabledAgain, webhookSecret)).status).toBe(200);
    const stored = await storedEvent(integration.id, enabledAgain.id);
    expect(stored.status).toBe("accepted");
    expect(stored.deliveries).toMatchObject([{ kind: "conversion", status: "pending" }]);
  });

  it("accepts the new signing secret at once after the endpoint is registered again, and refuses the old one", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    expect((await send(integration.id, paidInvoice(), webhookSecret)).status).toBe(200);

    const newSecret = "whsec_registered_again_0123456789abcdef";
    await prisma.integration.update({
      where: { id: integration.id },
      data: {
        stripeWebhookSecretEncrypted: encryptSecret(
          newSecret,
          integrationSecret(integration.id, "stripeWebhookSecretEncrypted"),
        ),
      },
    });
    const signedWithNew = paidInvoice();
    expect(await send(integration.id, signedWithNew, newSecret)).toMatchObject({ status: 200 });
    const signedWithOld = paidInvoice();
    expect(await send(integration.id, signedWithOld, webhookSecret)).toMatchObject({
      status: 400,
      body: { error: { code: "BAD_REQUEST" } },
    });
    expect(await prisma.stripeEvent.count({ where: { stripeEventId: signedWithOld.id } })).toBe(0);
  });

  it("uses the event types as they are now, not as they were remembered", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    expect((await send(integration.id, paidInvoice(), webhookSecret)).status).toBe(200);
    await prisma.integration.update({ where: { id: integration.id }, data: { eventTypeId: "777001" } });

    const checkout = buildEvent("checkout.session.completed", buildCheckoutSession());
    expect((await send(integration.id, checkout, webhookSecret)).status).toBe(200);
    const stored = await storedEvent(integration.id, checkout.id);
    expect(stored.deliveries).toMatchObject([{ kind: "conversion", eventTypeId: "777001" }]);
  });

  it("answers 404 once the integration is deleted, having stored nothing", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    expect((await send(integration.id, paidInvoice(), webhookSecret)).status).toBe(200);
    await prisma.integration.delete({ where: { id: integration.id } });

    const afterDelete = paidInvoice();
    expect(await send(integration.id, afterDelete, webhookSecret)).toMatchObject({ status: 404 });
    expect(await prisma.stripeEvent.count({ where: { stripeEventId: afterDelete.id } })).toBe(0);
  });
});
