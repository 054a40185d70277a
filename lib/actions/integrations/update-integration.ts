"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { echoedValues, formStateOfError, readIntegrationForm } from "@/lib/actions/integrations/integration-form-data";
import { requireBrand } from "@/lib/auth/session";
import type { IntegrationFormState } from "@/lib/integrations/integration-view";
import { fieldErrorsOf, UpdateIntegrationSchema } from "@/lib/schemas/integration";
import { updateIntegration } from "@/lib/server/integrations/update-integration";

/**
 * The edit form (bound to the integration id). Empty secret fields keep the stored
 * secrets; a new API key re-registers the Stripe endpoint (lib/server does that).
 */
export async function updateIntegrationAction(
  integrationId: string,
  _previous: IntegrationFormState,
  formData: FormData,
): Promise<IntegrationFormState> {
  const input = readIntegrationForm(formData);
  const parsed = UpdateIntegrationSchema.safeParse(input);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoedValues(input) };

  const brand = await requireBrand();
  try {
    // The id comes from the browser: lib/server scopes it to the signed-in account.
    await updateIntegration(brand.accountId, String(integrationId), parsed.data);
  } catch (error) {
    return formStateOfError(error, input, "saving the integration");
  }
  revalidatePath("/integrations");
  revalidatePath(`/integrations/${integrationId}`);
  redirect(`/integrations/${integrationId}`);
}
