"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failureOf } from "@/lib/actions/action-failure";
import { requireBrand } from "@/lib/auth/session";
import { RowIdSchema } from "@/lib/schemas/events";
import { deleteIntegration } from "@/lib/server/integrations/delete-integration";
import type { ActionState } from "@/lib/views/action-result";

/** The confirmed "Delete" button (bound to the integration id): Stripe endpoint first, then the row. */
export async function deleteIntegrationAction(integrationId: string, _previous: ActionState): Promise<ActionState> {
  const id = RowIdSchema.safeParse(integrationId);
  if (!id.success) return { ok: false, error: "That integration id is not valid." };
  const brand = await requireBrand();
  try {
    await deleteIntegration(brand.accountId, id.data);
  } catch (error) {
    return failureOf(error, "deleting the integration");
  }
  revalidatePath("/integrations");
  redirect("/integrations");
}
