"use server";

import { revalidatePath } from "next/cache";
import { failureOf } from "@/lib/actions/action-failure";
import { requireBrand } from "@/lib/auth/session";
import { RowIdSchema } from "@/lib/schemas/events";
import { setIntegrationEnabled } from "@/lib/server/integrations/set-integration-enabled";
import type { ActionState } from "@/lib/views/action-result";

/** The "Disable" / "Enable" button (bound to the id and the wanted state). */
export async function setIntegrationEnabledAction(
  integrationId: string,
  isEnabled: boolean,
  _previous: ActionState,
): Promise<ActionState> {
  const id = RowIdSchema.safeParse(integrationId);
  if (!id.success) return { ok: false, error: "That integration id is not valid." };
  const brand = await requireBrand();
  const doing = isEnabled ? "enabling the integration" : "disabling the integration";
  try {
    await setIntegrationEnabled(brand.accountId, id.data, isEnabled === true);
  } catch (error) {
    return failureOf(error, doing);
  }
  revalidatePath("/integrations");
  revalidatePath(`/integrations/${id.data}`);
  return { ok: true, data: null };
}
