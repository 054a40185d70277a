import "server-only";
import { decryptSecret, encryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { UpdateIntegrationSchema } from "@/lib/schemas/integration";
import {
  integrationNotFound,
  last4,
  parseIntegrationInput,
  webhookUrlOf,
} from "@/lib/server/integrations/integration-helpers";
import { createStripeClient, modeOfKey } from "@/lib/stripe/stripe-client";
import {
  type ProvisionedEndpoint,
  provisionWebhookEndpoint,
  removeOrphanWebhookEndpoint,
  retrieveWebhookEndpointStatus,
} from "@/lib/stripe/webhook-endpoints";

/**
 * Saves an edit. Empty secret fields keep the stored ones; an unticked checkbox turns its setting off. A different API key is
 * verified and gets a new endpoint first (same checks as create); then the row is
 * updated; then the old endpoint is removed with the old key. If the row update
 * fails, the new endpoint is deleted and the old one stays in use. With the same
 * key, an endpoint someone removed in Stripe is registered again (the repair the
 * dashboard's "Missing" status points to).
 */
export async function updateIntegration(accountId: string, integrationId: string, input: unknown): Promise<void> {
  const data = parseIntegrationInput(UpdateIntegrationSchema, input);
  const current = await prisma.integration.findFirst({
    where: { id: integrationId, accountId },
    select: { stripeApiKeyEncrypted: true, stripeWebhookEndpointId: true, isEnabled: true },
  });
  if (!current) throw integrationNotFound();

  const oldKey = decryptSecret(
    current.stripeApiKeyEncrypted,
    integrationSecret(integrationId, "stripeApiKeyEncrypted"),
  );
  const newKey = data.apiKey !== undefined && data.apiKey !== oldKey ? data.apiKey : undefined;
  const endpointKey =
    newKey ?? ((await isEndpointMissing(oldKey, current.stripeWebhookEndpointId)) ? oldKey : undefined);
  const newStripe = endpointKey ? createStripeClient(endpointKey) : undefined;
  let replacement: ProvisionedEndpoint | undefined;
  if (newStripe) {
    replacement = await provisionWebhookEndpoint(newStripe, {
      integrationId,
      url: webhookUrlOf(integrationId),
      siteUrl: data.siteUrl,
      isDisabled: !current.isEnabled,
    });
  }

  try {
    const { count } = await prisma.integration.updateMany({
      where: { id: integrationId, accountId },
      data: {
        siteUrl: data.siteUrl,
        programId: data.programId,
        eventTypeId: data.eventTypeId,
        recurringEventTypeId: data.recurringEventTypeId,
        // A checkbox left unticked is absent from the form: the setting is turned off, never "kept".
        clickIdFromClientReference: data.clickIdFromClientReference,
        ...(data.authToken !== undefined && {
          impactAuthTokenEncrypted: encryptSecret(
            data.authToken,
            integrationSecret(integrationId, "impactAuthTokenEncrypted"),
          ),
        }),
        ...(newKey && {
          stripeApiKeyEncrypted: encryptSecret(newKey, integrationSecret(integrationId, "stripeApiKeyEncrypted")),
          stripeApiKeyLast4: last4(newKey),
          mode: modeOfKey(newKey),
        }),
        ...(replacement && {
          stripeWebhookEndpointId: replacement.id,
          stripeWebhookSecretEncrypted: encryptSecret(
            replacement.secret,
            integrationSecret(integrationId, "stripeWebhookSecretEncrypted"),
          ),
        }),
      },
    });
    // Deleted meanwhile (another tab): same answer as for an unknown id.
    if (count === 0) throw integrationNotFound();
  } catch (error) {
    if (newStripe && replacement) await removeOrphanWebhookEndpoint(newStripe, replacement.id);
    throw error;
  }

  // The old key is often being replaced because it was revoked: a failure here is logged, not fatal.
  if (newKey && replacement && current.stripeWebhookEndpointId) {
    await removeOrphanWebhookEndpoint(createStripeClient(oldKey), current.stripeWebhookEndpointId);
  }
}

/** Only a definite 404 counts: a revoked key or an outage must not block editing the other fields. */
async function isEndpointMissing(apiKey: string, endpointId: string | null): Promise<boolean> {
  if (!endpointId) return true;
  return (await retrieveWebhookEndpointStatus(createStripeClient(apiKey), endpointId)) === "missing";
}
