import "server-only";
import { deleteWebhookSubscription } from "@/lib/advocate/subscriptions";
import type { Principal } from "@/lib/auth/principal";
import { advocateConnectionSecret } from "@/lib/crypto/secret-bindings";
import { decryptSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { toAdvocateAppError } from "@/lib/server/advocate/advocate-app-error";
import { auditActorOf, recordAudit } from "@/lib/server/audit/record-audit";
import { accountCondition, scopeOf } from "@/lib/server/events/event-scope";
import { integrationNotFound } from "@/lib/server/integrations/integration-helpers";

/**
 * Removes the Advocate webhook subscription first (a 404 there means it is already gone), then the
 * connection row; events and reward credits stay as history. If Advocate refuses, the row stays so
 * the brand can retry: deleting only the row would leave Advocate posting to nowhere for three days.
 * Audited in the same transaction as the delete.
 */
export async function disconnectAdvocate(principal: Principal, integrationId: string): Promise<void> {
  const scope = scopeOf(principal);
  const integration = await prisma.integration.findFirst({
    where: { id: integrationId, ...accountCondition(scope) },
    select: {
      accountId: true,
      advocateConnection: {
        select: { id: true, tenantAlias: true, apiKeyEncrypted: true, subscriptionEndpointUrl: true },
      },
    },
  });
  if (!integration) throw integrationNotFound();
  const connection = integration.advocateConnection;
  if (!connection) throw new AppError("NOT_FOUND", "This integration is not connected to Advocate.");

  const credentials = {
    tenantAlias: connection.tenantAlias,
    apiKey: decryptSecret(connection.apiKeyEncrypted, advocateConnectionSecret(connection.id)),
  };
  const removed = await deleteWebhookSubscription(credentials, connection.subscriptionEndpointUrl);
  if (!removed.ok && removed.failure.kind !== "not_found") {
    if (removed.failure.kind === "unauthorized") {
      throw new AppError(
        "UPSTREAM_REJECTED",
        "Advocate rejects the saved API key, so the portal cannot remove its webhook subscription. Connect again with a working key, then disconnect.",
      );
    }
    throw toAdvocateAppError(removed.failure, "removing the webhook subscription", connection.tenantAlias);
  }

  await prisma.$transaction(async (tx) => {
    await tx.advocateConnection.deleteMany({ where: { id: connection.id } });
    await recordAudit(
      {
        ...auditActorOf(scope),
        action: "advocate.disconnect",
        accountId: integration.accountId,
        targetType: "integration",
        targetId: integrationId,
        details: { tenantAlias: connection.tenantAlias, subscriptionWasPresent: removed.ok },
      },
      tx,
    );
  });
}
