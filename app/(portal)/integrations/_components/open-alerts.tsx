import { AlertBanner } from "@/components/alerts/alert-banner";
import { dismissAlertAction } from "@/lib/actions/alerts/dismiss-alert";
import { findOpenAlerts } from "@/lib/server/alerts/find-open-alerts";

/**
 * The banner of open alerts (SPEC §12) for the account, or one integration. It waits for the page's
 * endpoint checks first, since a check is what raises or resolves the endpoint alerts; render it in a
 * Suspense boundary so the rest of the page does not wait for Stripe.
 */
export async function OpenAlerts({
  accountId,
  integrationId,
  after = [],
}: {
  accountId: string;
  integrationId?: string;
  after?: Promise<unknown>[];
}) {
  await Promise.allSettled(after);
  const alerts = await findOpenAlerts(accountId, integrationId);
  return <AlertBanner alerts={alerts} dismiss={dismissAlertAction} showsIntegration={!integrationId} />;
}
