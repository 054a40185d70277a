import "server-only";
import { decryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { integrationNotFound } from "@/lib/server/integrations/integration-helpers";
import { createStripeClient } from "@/lib/stripe/stripe-client";
import { setWebhookEndpointDisabled } from "@/lib/stripe/webhook-endpoints";

/**
 * Pauses or resumes an integration: Stripe stops (or resumes) posting to the
 * endpoint, and the row's `isEnabled` follows. Stripe goes first so that a
 * refusal there leaves both sides as they were. Idempotent.
 */
export async function setIntegrationEnabled(
  accountId: string,
  integrationId: string,
  isEnabled: boolean,
): Promise<void> {
  const current = await prisma.integration.findFirst({
    where: { id: integrationId, accountId },
    select: { stripeApiKeyEncrypted: true, stripeWebhookEndpointId: true },
  });
  if (!current) throw integrationNotFound();

  if (current.stripeWebhookEndpointId) {
    const stripe = createStripeClient(
      decryptSecret(current.stripeApiKeyEncrypted, integrationSecret(integrationId, "stripeApiKeyEncrypted")),
    );
    // A missing endpoint is shown as such on the dashboard; the flag is still worth saving.
    await setWebhookEndpointDisabled(stripe, current.stripeWebhookEndpointId, !isEnabled);
  }
  const { count } = await prisma.integration.updateMany({
    where: { id: integrationId, accountId },
    data: { isEnabled },
  });
  if (count === 0) throw integrationNotFound();
}
