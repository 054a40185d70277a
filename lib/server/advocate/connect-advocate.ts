import "server-only";
import type { AdvocateCredentials } from "@/lib/advocate/advocate-http";
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  listWebhookSubscriptions,
} from "@/lib/advocate/subscriptions";
import type { Principal } from "@/lib/auth/principal";
import { advocateConnectionSecret } from "@/lib/crypto/secret-bindings";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { getLogger } from "@/lib/log";
import { AdvocateConnectSchema, TEST_TENANT_PREFIX } from "@/lib/schemas/advocate";
import { toAdvocateAppError } from "@/lib/server/advocate/advocate-app-error";
import { toAdvocateConnectionView } from "@/lib/server/advocate/advocate-connection-view";
import { advocateWebhookUrlOf } from "@/lib/server/advocate/advocate-webhook-url";
import { auditActorOf, recordAudit } from "@/lib/server/audit/record-audit";
import { accountCondition, scopeOf } from "@/lib/server/events/event-scope";
import {
  integrationNotFound,
  newIntegrationId,
  parseIntegrationInput,
} from "@/lib/server/integrations/integration-helpers";
import type { AdvocateConnectionView } from "@/lib/views/advocate-view";

/** A test tenant only with a test-mode integration and a live one only with live (SPEC §11). */
function assertModesMatch(tenantAlias: string, mode: "test" | "live"): void {
  const isTestTenant = tenantAlias.startsWith(TEST_TENANT_PREFIX);
  if (isTestTenant && mode === "live") {
    throw new AppError(
      "BAD_REQUEST",
      `${tenantAlias} is a test tenant, but this integration uses a live Stripe key: connect a live tenant (no test_ prefix), or connect ${tenantAlias} to a test-mode integration.`,
      "tenantAlias",
    );
  }
  if (!isTestTenant && mode === "test") {
    throw new AppError(
      "BAD_REQUEST",
      `${tenantAlias} is a live tenant, but this integration uses a test Stripe key: connect its test tenant (test_…), or connect ${tenantAlias} to a live-mode integration.`,
      "tenantAlias",
    );
  }
}

/** The key typed in, or the saved one when the field was left empty and the tenant is the same. */
function apiKeyFor(
  typed: string | undefined,
  tenantAlias: string,
  previous: { id: string; tenantAlias: string; apiKeyEncrypted: string } | null,
): string {
  if (typed) return typed;
  if (!previous) throw new AppError("BAD_REQUEST", "Enter the Advocate API key of this tenant.", "apiKey");
  if (previous.tenantAlias !== tenantAlias) {
    throw new AppError(
      "BAD_REQUEST",
      `Enter the API key of ${tenantAlias}: the saved key belongs to ${previous.tenantAlias}.`,
      "apiKey",
    );
  }
  return decryptSecret(previous.apiKeyEncrypted, advocateConnectionSecret(previous.id));
}

/** The key is proven by listing the tenant's subscriptions; ours is registered unless it already is. */
async function ensureSubscription(credentials: AdvocateCredentials, endpointUrl: string): Promise<boolean> {
  const listed = await listWebhookSubscriptions(credentials);
  if (!listed.ok) throw toAdvocateAppError(listed.failure, "checking the key", credentials.tenantAlias);
  if (listed.value.some((subscription) => subscription.endpointUrl === endpointUrl)) return false;
  const created = await createWebhookSubscription(credentials, {
    endpointUrl,
    name: "Payments integration portal: reward credits to Stripe",
  });
  if (!created.ok) {
    throw toAdvocateAppError(created.failure, "registering the webhook subscription", credentials.tenantAlias);
  }
  return true;
}

/** Best effort: a subscription nobody will read is noise at Advocate, not a reason to fail the connect. */
async function removeSubscriptionQuietly(credentials: AdvocateCredentials, endpointUrl: string, why: string) {
  const removed = await deleteWebhookSubscription(credentials, endpointUrl);
  if (!removed.ok && removed.failure.kind !== "not_found") {
    getLogger().warn(
      { component: "connect-advocate", tenantAlias: credentials.tenantAlias, reason: removed.failure.message },
      `could not remove the Advocate subscription ${why}`,
    );
  }
}

/**
 * Connects (or reconnects with new values) an integration to an Advocate tenant (SPEC §11): validate,
 * match modes, prove the key, register `{PUBLIC_URL}/api/webhooks/advocate/{integrationId}` (kept when
 * already there), store the key sealed to its row. A reconnect to another tenant removes the old
 * tenant's subscription afterwards. Audited. Throws AppError, with `field` for form messages.
 */
export async function connectAdvocate(
  principal: Principal,
  integrationId: string,
  input: unknown,
): Promise<AdvocateConnectionView> {
  const data = parseIntegrationInput(AdvocateConnectSchema, input);
  const scope = scopeOf(principal);
  const integration = await prisma.integration.findFirst({
    where: { id: integrationId, ...accountCondition(scope) },
    select: {
      id: true,
      accountId: true,
      mode: true,
      advocateConnection: {
        select: { id: true, tenantAlias: true, apiKeyEncrypted: true, subscriptionEndpointUrl: true },
      },
    },
  });
  if (!integration) throw integrationNotFound();
  assertModesMatch(data.tenantAlias, integration.mode);

  const previous = integration.advocateConnection;
  const credentials = { tenantAlias: data.tenantAlias, apiKey: apiKeyFor(data.apiKey, data.tenantAlias, previous) };
  const endpointUrl = advocateWebhookUrlOf(integration.id);
  const isNewSubscription = await ensureSubscription(credentials, endpointUrl);
  const connectionId = previous?.id ?? newIntegrationId();
  const apiKeyEncrypted = encryptSecret(credentials.apiKey, advocateConnectionSecret(connectionId));
  const values = {
    tenantAlias: data.tenantAlias,
    rewardUnits: data.rewardUnits,
    apiKeyEncrypted,
    subscriptionEndpointUrl: endpointUrl,
  };

  let saved: Awaited<ReturnType<typeof prisma.advocateConnection.create>>;
  try {
    saved = await prisma.$transaction(async (tx) => {
      const row = previous
        ? await tx.advocateConnection.update({ where: { id: previous.id }, data: values })
        : await tx.advocateConnection.create({
            data: { id: connectionId, accountId: integration.accountId, integrationId: integration.id, ...values },
          });
      await recordAudit(
        {
          ...auditActorOf(scope),
          action: "advocate.connect",
          accountId: integration.accountId,
          targetType: "integration",
          targetId: integration.id,
          details: {
            tenantAlias: data.tenantAlias,
            rewardUnits: data.rewardUnits,
            isReconnect: previous !== null,
            previousTenantAlias: previous?.tenantAlias ?? null,
          },
        },
        tx,
      );
      return row;
    });
  } catch (error) {
    // Compensation: Advocate would otherwise post to a connection that was never stored.
    if (isNewSubscription) await removeSubscriptionQuietly(credentials, endpointUrl, "after a failed save");
    throw error;
  }

  if (previous && previous.tenantAlias !== data.tenantAlias) {
    const oldKey = decryptSecret(previous.apiKeyEncrypted, advocateConnectionSecret(previous.id));
    await removeSubscriptionQuietly(
      { tenantAlias: previous.tenantAlias, apiKey: oldKey },
      previous.subscriptionEndpointUrl,
      "of the previous tenant",
    );
  }
  return toAdvocateConnectionView(saved);
}
