"use server";

import { revalidatePath } from "next/cache";
import { failureOf, invalidInput } from "@/lib/actions/action-failure";
import { echoedAdvocateValues, readAdvocateForm } from "@/lib/actions/advocate/advocate-form-data";
import { requireBrand } from "@/lib/auth/session";
import { AdvocateConnectSchema } from "@/lib/schemas/advocate";
import { RowIdSchema } from "@/lib/schemas/list-query";
import { connectAdvocate } from "@/lib/server/advocate/connect-advocate";
import type { ActionState } from "@/lib/views/action-result";

/**
 * The "Connect Advocate" form (bound to the integration id): validate → sign-in → the key checked and the
 * webhook subscription registered with Advocate, the key stored sealed (lib/server does both).
 */
export async function connectAdvocateAction(
  integrationId: string,
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const input = readAdvocateForm(formData);
  const id = RowIdSchema.safeParse(integrationId);
  if (!id.success) return { ok: false, error: "That integration id is not valid.", ...echoedAdvocateValues(input) };
  const parsed = AdvocateConnectSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, echoedAdvocateValues(input));

  const brand = await requireBrand();
  try {
    // The id comes from the browser: lib/server scopes it to the signed-in account.
    await connectAdvocate(brand, id.data, parsed.data);
  } catch (error) {
    return failureOf(error, "connecting Advocate", echoedAdvocateValues(input));
  }
  revalidatePath("/integrations");
  revalidatePath(`/integrations/${id.data}`);
  revalidatePath(`/integrations/${id.data}/advocate`);
  return { ok: true, data: null };
}
