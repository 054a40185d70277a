"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failureOf, invalidInput } from "@/lib/actions/action-failure";
import { echoedValues, readIntegrationForm } from "@/lib/actions/integrations/integration-form-data";
import { requireBrand } from "@/lib/auth/session";
import { RowIdSchema } from "@/lib/schemas/events";
import { UpdateIntegrationSchema } from "@/lib/schemas/integration";
import { updateIntegration } from "@/lib/server/integrations/update-integration";
import type { ActionState } from "@/lib/views/action-result";

/**
 * The edit form (bound to the integration id). Empty secret fields keep the stored
 * secrets; a new API key re-registers the Stripe endpoint (lib/server does that).
 */
export async function updateIntegrationAction(
  integrationId: string,
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const input = readIntegrationForm(formData);
  const id = RowIdSchema.safeParse(integrationId);
  if (!id.success) return { ok: false, error: "That integration id is not valid.", ...echoedValues(input) };
  const parsed = UpdateIntegrationSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, echoedValues(input));

  const brand = await requireBrand();
  try {
    // The id comes from the browser: lib/server scopes it to the signed-in account.
    await updateIntegration(brand.accountId, id.data, parsed.data);
  } catch (error) {
    return failureOf(error, "saving the integration", echoedValues(input));
  }
  revalidatePath("/integrations");
  revalidatePath(`/integrations/${id.data}`);
  redirect(`/integrations/${id.data}`);
}
