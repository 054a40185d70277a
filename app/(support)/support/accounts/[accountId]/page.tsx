import Link from "next/link";
import { AlertBanner } from "@/components/alerts/alert-banner";
import { TestModeBadge } from "@/components/events/badges";
import { formatUtc } from "@/components/events/format";
import { RecoverEventsForm } from "@/components/recovery/recover-events-form";
import { BackLink } from "@/components/ui/back-link";
import { Card } from "@/components/ui/card";
import { dismissAlertAction } from "@/lib/actions/alerts/dismiss-alert";
import { recoverMissedEventsAsStaffAction } from "@/lib/actions/recovery/recover-missed-events";
import { requireStaff } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/or-not-found";
import { getAccountOverview } from "@/lib/server/accounts/get-account-overview";
import { findOpenAlerts } from "@/lib/server/alerts/find-open-alerts";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { FAILED_STATUSES, OUTCOME_LABELS } from "@/lib/views/event-view";

export const metadata = { title: "Account · Support console" };

const LINK = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100";

// GET /support/accounts/[accountId] – one brand's account and integrations (never a secret); each view is audited
export default async function SupportAccountPage({ params }: { params: Promise<{ accountId: string }> }) {
  const staff = await requireStaff();
  const { accountId } = await params;
  const account = await orNotFound(getAccountOverview(accountId));
  await recordAudit({
    staffUserId: staff.staffUserId,
    action: "account.view",
    accountId: account.id,
    targetType: "account",
    targetId: account.id,
  });
  const events = `/support/events?account=${account.id}`;
  // What the brand's banners show (SPEC §12); staff may dismiss too, audited with their id.
  const alerts = await findOpenAlerts(account.id);
  return (
    <div className="space-y-6">
      <div>
        <BackLink href="/support">Accounts</BackLink>
        <h1 className="mt-2 text-2xl font-semibold">{account.companyName}</h1>
        <p className="font-mono text-sm text-slate-600">{account.impactSid}</p>
        <p className="text-sm text-slate-600">
          Created {formatUtc(account.createdAt.toISOString())} · last sign-in{" "}
          {account.lastSignInAt ? formatUtc(account.lastSignInAt.toISOString()) : "never"}
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Link href={events} className={LINK}>
          View this account&apos;s events
        </Link>
        {FAILED_STATUSES.map((status) => (
          <Link key={status} href={`${events}&status=${status}`} className={LINK}>
            {OUTCOME_LABELS[status]}
          </Link>
        ))}
        <Link href={`/support/audit?account=${account.id}`} className={LINK}>
          Audit log
        </Link>
      </div>
      <AlertBanner alerts={alerts} dismiss={dismissAlertAction} showsIntegration eventsBase="/support/events" />
      <Card title={`Integrations (${account.integrations.length})`}>
        {account.integrations.length === 0 ? <p className="text-sm text-slate-500">No integration yet.</p> : null}
        <ul className="divide-y divide-slate-100">
          {account.integrations.map((integration) => (
            <li key={integration.id} data-testid="support-integration" className="space-y-1 py-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{integration.siteUrl}</span>
                <TestModeBadge mode={integration.mode} />
                {integration.isEnabled ? null : <span className="text-xs font-semibold text-slate-600">Disabled</span>}
                <Link href={`${events}&integration=${integration.id}`} className="ml-auto text-brand hover:underline">
                  Events →
                </Link>
              </div>
              <p className="text-xs text-slate-600">
                Program {integration.programId} · Event type {integration.eventTypeId} · Recurring{" "}
                {integration.recurringEventTypeId} · Stripe key ••••
                {integration.stripeApiKeyLast4} · Endpoint {integration.stripeWebhookEndpointId ?? "missing"} · created{" "}
                {formatUtc(integration.createdAt.toISOString())}
              </p>
              <details className="pt-1">
                <summary className="cursor-pointer text-brand">Recover missed events</summary>
                <div className="pt-3">
                  <RecoverEventsForm action={recoverMissedEventsAsStaffAction.bind(null, account.id, integration.id)} />
                </div>
              </details>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
