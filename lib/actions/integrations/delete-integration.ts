"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { buttonStateOfError } from "@/lib/actions/integrations/integration-form-data";
import { requireBrand } from "@/lib/auth/session";
import type { ButtonActionState } from "@/lib/integrations/integration-view";
import { deleteIntegration } from "@/lib/server/integrations/delete-integration";

/** The confirmed "Delete" button (bound to the integration id): Stripe endpoint first, then the row. */
export async function deleteIntegrationAction(
  integrationId: string,
  _previous: ButtonActionState,
): Promise<ButtonActionState> {
  const brand = await requireBrand();
  try {
    await deleteIntegration(brand.accountId, String(integrationId));
  } catch (error) {
    return buttonStateOfError(error, "deleting the integration");
  }
  revalidatePath("/integrations");
  redirect("/integrations");
}
