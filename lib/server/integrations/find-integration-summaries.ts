import "server-only";
import { prisma } from "@/lib/db";
import { checkWebhookEndpoint } from "@/lib/server/integrations/check-webhook-endpoint";
import { emptyDeliveryStats, findDeliveryStats } from "@/lib/server/integrations/find-delivery-stats";
import type { IntegrationSummary } from "@/lib/views/integration-view";

/**
 * The dashboard (SPEC §4): every integration of the account, newest first, with its
 * delivery numbers (one query for all) and its Stripe endpoint status as a promise,
 * so the page can stream while Stripe answers (each check cached about a minute).
 */
export async function findIntegrationSummaries(accountId: string, now = new Date()): Promise<IntegrationSummary[]> {
  const [rows, stats] = await Promise.all([
    prisma.integration.findMany({
      where: { accountId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        siteUrl: true,
        mode: true,
        isEnabled: true,
        stripeWebhookEndpointId: true,
        stripeApiKeyEncrypted: true,
        updatedAt: true,
        advocateConnection: { select: { lastRewardAt: true } },
      },
    }),
    findDeliveryStats(accountId, now),
  ]);
  return rows.map((row) => ({
    id: row.id,
    siteUrl: row.siteUrl,
    mode: row.mode,
    isEnabled: row.isEnabled,
    stats: stats.get(row.id) ?? emptyDeliveryStats(now),
    // The same check as the integration page's, so the dashboard also brings old endpoints up to the event list.
    endpointStatus: checkWebhookEndpoint(row).then((check) => check.status),
    advocate: row.advocateConnection,
  }));
}
