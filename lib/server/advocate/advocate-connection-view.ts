import { TEST_TENANT_PREFIX } from "@/lib/schemas/advocate";
import { advocateWebhookUrlOf } from "@/lib/server/advocate/advocate-webhook-url";
import type { AdvocateConnectionView } from "@/lib/views/advocate-view";

type ConnectionRow = {
  integrationId: string;
  tenantAlias: string;
  rewardUnits: string;
  connectedAt: Date;
  lastRewardAt: Date | null;
};

/** The row as the page may see it: everything but the sealed key. */
export function toAdvocateConnectionView(row: ConnectionRow): AdvocateConnectionView {
  return {
    integrationId: row.integrationId,
    tenantAlias: row.tenantAlias,
    rewardUnits: row.rewardUnits,
    isTestTenant: row.tenantAlias.startsWith(TEST_TENANT_PREFIX),
    connectedAt: row.connectedAt,
    lastRewardAt: row.lastRewardAt,
    webhookUrl: advocateWebhookUrlOf(row.integrationId),
  };
}
