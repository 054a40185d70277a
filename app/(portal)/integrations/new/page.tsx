import { IntegrationForm } from "@/app/(portal)/integrations/_components/integration-form";
import { BackLink } from "@/components/ui/back-link";
import { Card } from "@/components/ui/card";
import { createIntegrationAction } from "@/lib/actions/integrations/create-integration";
import { requireBrand } from "@/lib/auth/session";

export const metadata = { title: "New integration · Payments integration portal" };

// GET /integrations/new – the integration form (SPEC §3)
export default async function NewIntegrationPage() {
  await requireBrand();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <BackLink href="/integrations">Integrations</BackLink>
        <h1 className="mt-2 text-2xl font-semibold">New integration</h1>
        <p className="mt-1 text-sm text-slate-600">
          The portal checks your Stripe key, then registers one webhook endpoint in your Stripe account for paid
          invoices, completed checkouts, refunds and chargebacks. A test-mode key (sk_test_…, rk_test_…) creates a
          test-mode integration.
        </p>
      </div>
      <Card>
        <IntegrationForm action={createIntegrationAction} submitLabel="Create integration" />
      </Card>
    </div>
  );
}
