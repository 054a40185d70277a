"use server";

import { revalidatePath } from "next/cache";
import { failureOf, SIGNED_OUT } from "@/lib/actions/action-failure";
import { getPrincipal } from "@/lib/auth/session";
import { RowIdSchema } from "@/lib/schemas/events";
import { dismissAlert } from "@/lib/server/alerts/dismiss-alert";
import { scopeOf } from "@/lib/server/events/event-scope";
import type { ActionState } from "@/lib/views/action-result";

/** A banner's Dismiss (bound to the alert id), for brands (own account) and staff (any); audited either way. */
export async function dismissAlertAction(alertId: string, _previous: ActionState): Promise<ActionState> {
  const id = RowIdSchema.safeParse(alertId);
  if (!id.success) return { ok: false, error: "That alert id is not valid." };
  const principal = await getPrincipal();
  if (!principal) return SIGNED_OUT;
  try {
    await dismissAlert(scopeOf(principal), id.data);
  } catch (error) {
    return failureOf(error, "dismissing the alert");
  }
  revalidatePath(principal.role === "staff" ? "/support/accounts" : "/integrations", "layout");
  return { ok: true, data: null };
}
