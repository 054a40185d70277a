import { IntegrationForm } from "@/app/(portal)/integrations/_components/integration-form";
import { ModeBadge } from "@/app/(portal)/integrations/_components/mode-badge";
import { BackLink } from "@/components/ui/back-link";
import { Card } from "@/components/ui/card";
import { updateIntegrationAction } from "@/lib/actions/integrations/update-integration";
import { requireBrand } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/or-not-found";
import { getIntegration } from "@/lib/server/integrations/get-integration";

export const metadata = { title: "Edit integration · Payments integration portal" };

// GET /integrations/[id]/edit – the form again; secrets only as "•••• last4"
export default async function EditIntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const brand = await requireBrand();
  const { id } = await params;
  const integration = await orNotFound(getIntegration(brand.accountId, id));
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <BackLink href={`/integrations/${integration.id}`}>{integration.siteUrl}</BackLink>
        <h1 className="mt-2 flex items-center gap-3 text-2xl font-semibold">
          Edit integration <ModeBadge mode={integration.mode} />
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Leave the Auth Token and API Key empty to keep the saved ones. A new API key is checked first, a new webhook
          endpoint is registered with it, and the old endpoint is then removed.
        </p>
      </div>
      <Card>
        <IntegrationForm
          action={updateIntegrationAction.bind(null, integration.id)}
          submitLabel="Save changes"
          initialValues={{
            siteUrl: integration.siteUrl,
            programId: integration.programId,
            eventTypeId: integration.eventTypeId,
            recurringEventTypeId: integration.recurringEventTypeId,
            clickIdFromClientReference: integration.clickIdFromClientReference ? "on" : "",
          }}
          saved={{ apiKeyLast4: integration.apiKeyLast4, authTokenLast4: integration.authTokenLast4 }}
        />
      </Card>
    </div>
  );
}
