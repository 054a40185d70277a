"use server";

import { revalidatePath } from "next/cache";
import { buttonStateOfError } from "@/lib/actions/integrations/integration-form-data";
import { requireBrand } from "@/lib/auth/session";
import type { ButtonActionState } from "@/lib/integrations/integration-view";
import { setIntegrationEnabled } from "@/lib/server/integrations/set-integration-enabled";

/** The "Disable" / "Enable" button (bound to the id and the wanted state). */
export async function setIntegrationEnabledAction(
  integrationId: string,
  isEnabled: boolean,
  _previous: ButtonActionState,
): Promise<ButtonActionState> {
  const brand = await requireBrand();
  const doing = isEnabled ? "enabling the integration" : "disabling the integration";
  try {
    await setIntegrationEnabled(brand.accountId, String(integrationId), isEnabled === true);
  } catch (error) {
    return buttonStateOfError(error, doing);
  }
  revalidatePath("/integrations");
  revalidatePath(`/integrations/${integrationId}`);
  return {};
}
