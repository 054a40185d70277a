import "server-only";
import { prisma } from "@/lib/db";
import { checkWebhookEndpoint } from "@/lib/server/integrations/check-webhook-endpoint";
import { integrationNotFound } from "@/lib/server/integrations/integration-helpers";
import type { EndpointCheck } from "@/lib/views/integration-view";

/**
 * The Stripe side of one integration of the account (cached about a minute): its status, its events, and
 * whether the check brought them up to the portal's list; NOT_FOUND for other accounts' ids.
 */
export async function getWebhookEndpointStatus(accountId: string, integrationId: string): Promise<EndpointCheck> {
  const row = await prisma.integration.findFirst({
    where: { id: integrationId, accountId },
    select: { id: true, stripeWebhookEndpointId: true, stripeApiKeyEncrypted: true, updatedAt: true, isEnabled: true },
  });
  if (!row) throw integrationNotFound();
  return checkWebhookEndpoint(row);
}
