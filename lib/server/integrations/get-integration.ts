import "server-only";
import { decryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { integrationNotFound, last4, webhookUrlOf } from "@/lib/server/integrations/integration-helpers";
import type { IntegrationDetails } from "@/lib/views/integration-view";

/** One integration of the account, for display and the edit form: secrets only as their last four characters. */
export async function getIntegration(accountId: string, integrationId: string): Promise<IntegrationDetails> {
  const row = await prisma.integration.findFirst({
    where: { id: integrationId, accountId },
    select: {
      id: true,
      siteUrl: true,
      programId: true,
      eventTypeId: true,
      recurringEventTypeId: true,
      mode: true,
      isEnabled: true,
      clickIdFromClientReference: true,
      stripeWebhookEndpointId: true,
      stripeApiKeyLast4: true,
      impactAuthTokenEncrypted: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  if (!row) throw integrationNotFound();
  const { impactAuthTokenEncrypted, stripeApiKeyLast4, ...rest } = row;
  return {
    ...rest,
    webhookUrl: webhookUrlOf(row.id),
    apiKeyLast4: stripeApiKeyLast4,
    // No last-4 column for the token: decrypted here, and only four characters leave.
    authTokenLast4: last4(
      decryptSecret(impactAuthTokenEncrypted, integrationSecret(row.id, "impactAuthTokenEncrypted")),
    ),
  };
}
