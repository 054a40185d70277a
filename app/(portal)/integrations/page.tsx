import Link from "next/link";
import { Suspense } from "react";
import { IntegrationCard } from "@/app/(portal)/integrations/_components/integration-card";
import { OpenAlerts } from "@/app/(portal)/integrations/_components/open-alerts";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireBrand } from "@/lib/auth/session";
import { findIntegrationSummaries } from "@/lib/server/integrations/find-integration-summaries";

export const metadata = { title: "Integrations · Payments integration portal" };

// GET /integrations – the dashboard (SPEC §4)
export default async function IntegrationsPage() {
  const brand = await requireBrand();
  const integrations = await findIntegrationSummaries(brand.accountId);
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Integrations</h1>
        <Link href="/integrations/new" className={buttonClasses("primary")}>
          New integration
        </Link>
      </div>
      <Suspense fallback={null}>
        <OpenAlerts accountId={brand.accountId} after={integrations.map((integration) => integration.endpointStatus)} />
      </Suspense>
      {integrations.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-700">
            No integrations yet. Connect your Stripe account to your impact.com program and every paid invoice, one-time
            checkout, refund and chargeback reaches impact.com automatically.
          </p>
          <Link href="/integrations/new" className="mt-4 inline-block text-sm font-medium text-brand hover:underline">
            Create your first integration →
          </Link>
        </Card>
      ) : (
        <ul className="space-y-4" aria-label="Integrations">
          {integrations.map((integration) => (
            <IntegrationCard key={integration.id} integration={integration} />
          ))}
        </ul>
      )}
    </div>
  );
}
