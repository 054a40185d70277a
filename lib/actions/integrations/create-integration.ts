"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { echoedValues, formStateOfError, readIntegrationForm } from "@/lib/actions/integrations/integration-form-data";
import { requireBrand } from "@/lib/auth/session";
import type { IntegrationFormState } from "@/lib/integrations/integration-view";
import { CreateIntegrationSchema, fieldErrorsOf } from "@/lib/schemas/integration";
import { createIntegration } from "@/lib/server/integrations/create-integration";

/** The "Create integration" form: validate → sign-in → Stripe + database → the new integration's page. */
export async function createIntegrationAction(
  _previous: IntegrationFormState,
  formData: FormData,
): Promise<IntegrationFormState> {
  const input = readIntegrationForm(formData);
  const parsed = CreateIntegrationSchema.safeParse(input);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoedValues(input) };

  const brand = await requireBrand();
  let integrationId: string;
  try {
    ({ id: integrationId } = await createIntegration(brand.accountId, parsed.data));
  } catch (error) {
    return formStateOfError(error, input, "creating the integration");
  }
  revalidatePath("/integrations");
  redirect(`/integrations/${integrationId}`);
}
