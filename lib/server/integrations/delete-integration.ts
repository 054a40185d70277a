import "server-only";
import { decryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { integrationNotFound } from "@/lib/server/integrations/integration-helpers";
import { createStripeClient } from "@/lib/stripe/stripe-client";
import { deleteWebhookEndpoint } from "@/lib/stripe/webhook-endpoints";

// An edit with a working key moves the endpoint to that key, after which delete works.
const keyCannotRemoveEndpoint = () =>
  new AppError(
    "UPSTREAM_REJECTED",
    "Stripe rejects the saved API key, so the portal cannot remove this integration's webhook endpoint. " +
      "Enter a working key under Edit integration, then delete again.",
  );

/**
 * Removes the Stripe webhook endpoint first (a 404 means it is already gone), then
 * the row with its events and deliveries. If Stripe refuses, the row stays so the
 * brand can retry: deleting only the row would leave Stripe posting to nowhere.
 */
export async function deleteIntegration(accountId: string, integrationId: string): Promise<void> {
  const current = await prisma.integration.findFirst({
    where: { id: integrationId, accountId },
    select: { stripeApiKeyEncrypted: true, stripeWebhookEndpointId: true },
  });
  if (!current) throw integrationNotFound();

  if (current.stripeWebhookEndpointId) {
    const stripe = createStripeClient(
      decryptSecret(current.stripeApiKeyEncrypted, integrationSecret(integrationId, "stripeApiKeyEncrypted")),
    );
    await deleteWebhookEndpoint(stripe, current.stripeWebhookEndpointId).catch((error: unknown) => {
      const isKeyRejected = isAppError(error) && error.code === "UPSTREAM_REJECTED" && error.field === "apiKey";
      throw isKeyRejected ? keyCannotRemoveEndpoint() : error;
    });
  }
  await prisma.integration.deleteMany({ where: { id: integrationId, accountId } });
}
