import "server-only";
import { encryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { CreateIntegrationSchema } from "@/lib/schemas/integration";
import {
  last4,
  newIntegrationId,
  parseIntegrationInput,
  webhookUrlOf,
} from "@/lib/server/integrations/integration-helpers";
import { createStripeClient, modeOfKey } from "@/lib/stripe/stripe-client";
import { provisionWebhookEndpoint, removeOrphanWebhookEndpoint } from "@/lib/stripe/webhook-endpoints";

/**
 * SPEC §3, in order: validate, prove the Stripe key, check the endpoint limit,
 * register one webhook endpoint, store the row. Nothing is left half-made: if the
 * insert fails after Stripe created the endpoint, the endpoint is deleted again.
 * Throws AppError (with `field` when the message belongs next to a form field).
 */
export async function createIntegration(accountId: string, input: unknown): Promise<{ id: string }> {
  const data = parseIntegrationInput(CreateIntegrationSchema, input);
  // The id exists before the row because the endpoint URL Stripe stores contains it.
  const integrationId = newIntegrationId();
  const stripe = createStripeClient(data.apiKey);
  const endpoint = await provisionWebhookEndpoint(stripe, {
    integrationId,
    url: webhookUrlOf(integrationId),
    siteUrl: data.siteUrl,
  });

  try {
    await prisma.integration.create({
      data: {
        id: integrationId,
        accountId,
        siteUrl: data.siteUrl,
        programId: data.programId,
        eventTypeId: data.eventTypeId,
        recurringEventTypeId: data.recurringEventTypeId,
        clickIdFromClientReference: data.clickIdFromClientReference,
        impactAuthTokenEncrypted: encryptSecret(
          data.authToken,
          integrationSecret(integrationId, "impactAuthTokenEncrypted"),
        ),
        stripeApiKeyEncrypted: encryptSecret(data.apiKey, integrationSecret(integrationId, "stripeApiKeyEncrypted")),
        stripeApiKeyLast4: last4(data.apiKey),
        stripeWebhookEndpointId: endpoint.id,
        stripeWebhookSecretEncrypted: encryptSecret(
          endpoint.secret,
          integrationSecret(integrationId, "stripeWebhookSecretEncrypted"),
        ),
        mode: modeOfKey(data.apiKey),
      },
      select: { id: true },
    });
  } catch (error) {
    // Compensation: the endpoint would otherwise post to an integration that does not exist.
    await removeOrphanWebhookEndpoint(stripe, endpoint.id);
    throw error;
  }
  return { id: integrationId };
}
