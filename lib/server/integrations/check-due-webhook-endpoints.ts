import { checkWebhookEndpoint } from "@/lib/server/integrations/check-webhook-endpoint";
import { claimEndpointChecks } from "@/lib/server/integrations/claim-endpoint-checks";
import type { EndpointStatus } from "@/lib/views/integration-view";

/** Looks at once per round: a slow Stripe account holds one slot, and Stripe never sees a burst from us. */
const CHECK_CONCURRENCY = 4;

export type EndpointRoundSummary = { checked: number; statuses: Partial<Record<EndpointStatus, number>> };

/**
 * One round of the periodic endpoint check (SPEC §12), for both runners: the local notifier and the Inngest
 * cron. The claimed integrations go through the same `checkWebhookEndpoint` as the dashboard and the
 * integration page, so its alerts are raised (disabled, missing, key refused) and resolved (enabled again)
 * without anyone opening a page. Never rejects for one integration: the check itself never does.
 */
export async function checkDueWebhookEndpoints({
  now = new Date(),
  concurrency = CHECK_CONCURRENCY,
} = {}): Promise<EndpointRoundSummary> {
  const targets = await claimEndpointChecks(now);
  const summary: EndpointRoundSummary = { checked: 0, statuses: {} };
  let next = 0;
  const slot = async () => {
    while (next < targets.length) {
      const check = await checkWebhookEndpoint(targets[next++]!);
      summary.checked += 1;
      summary.statuses[check.status] = (summary.statuses[check.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, slot));
  return summary;
}
