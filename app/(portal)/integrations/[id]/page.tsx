import Link from "next/link";
import { type ReactNode, Suspense } from "react";
import { AdvocateSummary } from "@/app/(portal)/integrations/_components/advocate-summary";
import { DeleteIntegrationButton } from "@/app/(portal)/integrations/_components/delete-integration-button";
import { EnableIntegrationButton } from "@/app/(portal)/integrations/_components/enable-integration-button";
import { EndpointEvents, EndpointEventsNotes } from "@/app/(portal)/integrations/_components/endpoint-events";
import {
  EndpointStatusBadge,
  EndpointStatusPending,
} from "@/app/(portal)/integrations/_components/endpoint-status-badge";
import { EnabledBadge, ModeBadge } from "@/app/(portal)/integrations/_components/mode-badge";
import { OpenAlerts } from "@/app/(portal)/integrations/_components/open-alerts";
import { RecoverEventsForm } from "@/components/recovery/recover-events-form";
import { BackLink } from "@/components/ui/back-link";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { deleteIntegrationAction } from "@/lib/actions/integrations/delete-integration";
import { setIntegrationEnabledAction } from "@/lib/actions/integrations/set-integration-enabled";
import { recoverMissedEventsAction } from "@/lib/actions/recovery/recover-missed-events";
import { requireBrand } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/or-not-found";
import { INTEGRATION_LABELS } from "@/lib/schemas/integration";
import { getAdvocateConnection } from "@/lib/server/advocate/get-advocate-connection";
import { getIntegration } from "@/lib/server/integrations/get-integration";
import { getWebhookEndpointStatus } from "@/lib/server/integrations/get-webhook-endpoint-status";
import { endpointCheckOf } from "@/lib/views/integration-view";

export const metadata = { title: "Integration · Payments integration portal" };

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-4 py-2">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="col-span-2 text-sm break-all">{children}</dd>
    </div>
  );
}

// GET /integrations/[id] – one integration: settings, webhook URL, Stripe status, actions
export default async function IntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const brand = await requireBrand();
  const { id } = await params;
  // Resolved before anything renders so another account's id answers 404, not a streamed 200.
  const [integration, advocate] = await Promise.all([
    orNotFound(getIntegration(brand.accountId, id)),
    orNotFound(getAdvocateConnection(brand, id)),
  ]);
  // One check (which also brings an older endpoint's events up to the portal's list) feeds the badge and the notes.
  const endpointCheck = getWebhookEndpointStatus(brand.accountId, id).catch(() => endpointCheckOf("unreachable"));
  const endpointStatus = endpointCheck.then((check) => check.status);
  return (
    <div className="space-y-6">
      <div>
        <BackLink href="/integrations">Integrations</BackLink>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{integration.siteUrl}</h1>
          <ModeBadge mode={integration.mode} />
          <EnabledBadge isEnabled={integration.isEnabled} />
          <Suspense fallback={<EndpointStatusPending />}>
            <EndpointStatusBadge status={endpointStatus} />
          </Suspense>
        </div>
      </div>
      <Suspense fallback={null}>
        <OpenAlerts accountId={brand.accountId} integrationId={integration.id} after={[endpointCheck]} />
      </Suspense>
      <Card title="Settings">
        <dl className="divide-y divide-slate-100">
          <Row label="URL">{integration.siteUrl}</Row>
          <Row label="Program ID">{integration.programId}</Row>
          <Row label="Event Type ID">{integration.eventTypeId}</Row>
          <Row label="Recurring Event Tracker ID">{integration.recurringEventTypeId}</Row>
          <Row label={INTEGRATION_LABELS.clickIdFromClientReference}>
            <span data-testid="click-id-from-client-reference">
              {integration.clickIdFromClientReference
                ? "On — a checkout session's client_reference_id is read as impact's click id"
                : "Off"}
            </span>
          </Row>
          <Row label="Auth Token">•••• {integration.authTokenLast4}</Row>
          <Row label="API Key">•••• {integration.apiKeyLast4}</Row>
          <Row label="Mode">
            {integration.mode === "test" ? "Test mode (Stripe test data only)" : "Live (real payments)"}
          </Row>
        </dl>
      </Card>
      <Card title="Stripe webhook">
        <dl className="divide-y divide-slate-100">
          <Row label="Webhook URL">
            <code data-testid="webhook-url" className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs">
              {integration.webhookUrl}
            </code>
          </Row>
          <Row label="Endpoint ID">{integration.stripeWebhookEndpointId ?? "none"}</Row>
          <Row label="Events">
            <Suspense fallback={<span className="text-slate-500">Checking Stripe…</span>}>
              <EndpointEvents check={endpointCheck} />
            </Suspense>
          </Row>
        </dl>
        <Suspense fallback={null}>
          <EndpointEventsNotes check={endpointCheck} />
        </Suspense>
      </Card>
      <Card title="Advocate rewards">
        {advocate ? (
          <AdvocateSummary integrationId={integration.id} advocate={advocate} />
        ) : (
          <p className="text-sm text-slate-700">
            Not connected.{" "}
            <Link href={`/integrations/${integration.id}/advocate`} className="text-brand hover:underline">
              Connect Advocate
            </Link>{" "}
            to credit impact.com Advocate rewards to your customers&apos; Stripe balances.
          </p>
        )}
      </Card>
      <Card title="Recover missed events">
        <RecoverEventsForm action={recoverMissedEventsAction.bind(null, integration.id)} />
      </Card>
      <div className="flex flex-wrap items-start gap-3">
        <Link href={`/integrations/${integration.id}/edit`} className={buttonClasses("primary")}>
          Edit integration
        </Link>
        <Link href={`/events?integration=${integration.id}`} className={buttonClasses("secondary")}>
          View events
        </Link>
        <EnableIntegrationButton
          action={setIntegrationEnabledAction.bind(null, integration.id, !integration.isEnabled)}
          isEnabled={integration.isEnabled}
        />
        <DeleteIntegrationButton
          action={deleteIntegrationAction.bind(null, integration.id)}
          siteUrl={integration.siteUrl}
        />
      </div>
    </div>
  );
}
