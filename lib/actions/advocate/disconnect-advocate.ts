"use server";

import { revalidatePath } from "next/cache";
import { failureOf } from "@/lib/actions/action-failure";
import { requireBrand } from "@/lib/auth/session";
import { RowIdSchema } from "@/lib/schemas/list-query";
import { disconnectAdvocate } from "@/lib/server/advocate/disconnect-advocate";
import type { ActionState } from "@/lib/views/action-result";

/** The confirmed "Disconnect Advocate" button (bound to the integration id): Advocate's subscription first, then the row. */
export async function disconnectAdvocateAction(integrationId: string, _previous: ActionState): Promise<ActionState> {
  const id = RowIdSchema.safeParse(integrationId);
  if (!id.success) return { ok: false, error: "That integration id is not valid." };
  const brand = await requireBrand();
  try {
    await disconnectAdvocate(brand, id.data);
  } catch (error) {
    return failureOf(error, "disconnecting Advocate");
  }
  revalidatePath("/integrations");
  revalidatePath(`/integrations/${id.data}`);
  revalidatePath(`/integrations/${id.data}/advocate`);
  return { ok: true, data: null };
}
