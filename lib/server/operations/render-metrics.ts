import { getMetrics } from "@/lib/server/operations/metrics";
import { syncDeliveryGauges } from "@/lib/server/operations/sync-delivery-gauges";
import { syncRewardAndAlertGauges } from "@/lib/server/operations/sync-reward-and-alert-gauges";

/** One scrape: the database gauges refreshed, then the whole registry in Prometheus text format. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  await Promise.all([syncDeliveryGauges(), syncRewardAndAlertGauges()]);
  const { registry } = getMetrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
