import Link from "next/link";
import type { ReactNode } from "react";
import { AdvocateConnectForm } from "@/app/(portal)/integrations/_components/advocate-connect-form";
import { DisconnectAdvocateButton } from "@/app/(portal)/integrations/_components/disconnect-advocate-button";
import { ModeBadge } from "@/app/(portal)/integrations/_components/mode-badge";
import { RelativeTime } from "@/app/(portal)/integrations/_components/relative-time";
import { BackLink } from "@/components/ui/back-link";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { connectAdvocateAction } from "@/lib/actions/advocate/connect-advocate";
import { disconnectAdvocateAction } from "@/lib/actions/advocate/disconnect-advocate";
import { requireBrand } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/or-not-found";
import { getAdvocateConnection } from "@/lib/server/advocate/get-advocate-connection";
import { getIntegration } from "@/lib/server/integrations/get-integration";

export const metadata = { title: "Advocate rewards · Payments integration portal" };

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-4 py-2">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="col-span-2 text-sm break-all">{children}</dd>
    </div>
  );
}

const utc = (date: Date) => `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;

// GET /integrations/[id]/advocate – connect an Advocate tenant so its rewards become Stripe balance credits (SPEC §11)
export default async function AdvocatePage({ params }: { params: Promise<{ id: string }> }) {
  const brand = await requireBrand();
  const { id } = await params;
  // Resolved before anything renders so another account's id answers 404, not a streamed 200.
  const [integration, connection] = await Promise.all([
    orNotFound(getIntegration(brand.accountId, id)),
    orNotFound(getAdvocateConnection(brand, id)),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <BackLink href={`/integrations/${integration.id}`}>{integration.siteUrl}</BackLink>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">Advocate rewards</h1>
          <ModeBadge mode={integration.mode} />
        </div>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Rewards your impact.com Advocate program gives in a <span className="font-mono">STRIPE/&lt;currency&gt;</span>{" "}
          unit become a credit on the participant&apos;s Stripe customer balance (their{" "}
          <span className="font-mono">customFields.stripeCustomerId</span> in Advocate), which Stripe applies to their
          next invoice — once per reward, with this integration&apos;s Stripe key.
        </p>
      </div>
      {connection ? (
        <Card title="Connected">
          <dl className="divide-y divide-slate-100" data-testid="advocate-connection">
            <Row label="Tenant">
              <span data-testid="advocate-tenant">{connection.tenantAlias}</span>
              {connection.isTestTenant ? " (test tenant)" : ""}
            </Row>
            <Row label="Reward units">
              <span data-testid="advocate-units">{connection.rewardUnits}</span>
            </Row>
            <Row label="Webhook URL">
              <code data-testid="advocate-webhook-url" className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs">
                {connection.webhookUrl}
              </code>
            </Row>
            <Row label="Connected since">{utc(connection.connectedAt)}</Row>
            <Row label="Last reward">
              <span data-testid="advocate-last-reward">
                {connection.lastRewardAt ? <RelativeTime date={connection.lastRewardAt} /> : "No reward received yet"}
              </span>
            </Row>
          </dl>
          <div className="mt-4 flex flex-wrap items-start gap-3">
            <Link href={`/rewards?integration=${integration.id}`} className={buttonClasses("secondary")}>
              View rewards
            </Link>
            <DisconnectAdvocateButton
              action={disconnectAdvocateAction.bind(null, integration.id)}
              tenantAlias={connection.tenantAlias}
            />
          </div>
        </Card>
      ) : null}
      <Card title={connection ? "Change the connection" : "Connect Advocate"}>
        <AdvocateConnectForm
          // Remounted when the saved connection changes, so the fields show what is now saved.
          key={connection ? `${connection.tenantAlias}-${connection.rewardUnits}` : "new"}
          action={connectAdvocateAction.bind(null, integration.id)}
          mode={integration.mode}
          saved={connection ? { tenantAlias: connection.tenantAlias, rewardUnits: connection.rewardUnits } : null}
        />
      </Card>
    </div>
  );
}
