"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failureOf, invalidInput } from "@/lib/actions/action-failure";
import { echoedValues, readIntegrationForm } from "@/lib/actions/integrations/integration-form-data";
import { requireBrand } from "@/lib/auth/session";
import { CreateIntegrationSchema } from "@/lib/schemas/integration";
import { createIntegration } from "@/lib/server/integrations/create-integration";
import type { ActionState } from "@/lib/views/action-result";

/** The "Create integration" form: validate → sign-in → Stripe + database → the new integration's page. */
export async function createIntegrationAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const input = readIntegrationForm(formData);
  const parsed = CreateIntegrationSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, echoedValues(input));

  const brand = await requireBrand();
  let integrationId: string;
  try {
    ({ id: integrationId } = await createIntegration(brand.accountId, parsed.data));
  } catch (error) {
    return failureOf(error, "creating the integration", echoedValues(input));
  }
  revalidatePath("/integrations");
  redirect(`/integrations/${integrationId}`);
}
