import { getLogger } from "@/lib/log";
import { raiseAlert } from "@/lib/server/alerts/raise-alert";
import { resolveAlerts } from "@/lib/server/alerts/resolve-alerts";
import type { AlertKindName } from "@/lib/views/alert-view";
import type { EndpointStatus } from "@/lib/views/integration-view";

const ENDPOINT_KINDS = ["stripe_endpoint_disabled", "stripe_endpoint_missing", "stripe_key_refused"] as const;

const DETAILS: Partial<Record<EndpointStatus, { kind: AlertKindName; detail: string }>> = {
  disabled: {
    kind: "stripe_endpoint_disabled",
    detail: "Stripe reports the portal's webhook endpoint as disabled, so no events reach the portal.",
  },
  missing: {
    kind: "stripe_endpoint_missing",
    detail: "Stripe has no webhook endpoint with this integration's endpoint id (deleted in the Dashboard?).",
  },
  key_rejected: {
    kind: "stripe_key_refused",
    detail: "Stripe refused the API key (401/403) when the webhook endpoint was checked.",
  },
};

/**
 * What one look at the endpoint in Stripe says (SPEC §12): disabled, missing or a refused key raise their
 * alert; every answer from Stripe resolves the others (an answer at all means the key works). An endpoint
 * the brand disabled with the integration is intended and raises nothing. An unreachable Stripe says
 * nothing. Never throws: the check's answer is what the page shows.
 */
export async function recordEndpointAlerts(
  integration: { id: string; isEnabled: boolean },
  status: EndpointStatus,
): Promise<void> {
  if (status === "unreachable") return;
  try {
    const found = status === "disabled" && !integration.isEnabled ? undefined : DETAILS[status];
    if (found) await raiseAlert({ integrationId: integration.id, ...found });
    await resolveAlerts(
      integration.id,
      ENDPOINT_KINDS.filter((kind) => kind !== found?.kind),
    );
  } catch (error) {
    getLogger().error(
      { component: "alerts", integrationId: integration.id, status, reason: (error as Error).message },
      "recording the endpoint's alerts failed",
    );
  }
}
