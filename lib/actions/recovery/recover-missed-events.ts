"use server";

import { revalidatePath } from "next/cache";
import { requireBrand } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import type { RecoveryReport } from "@/lib/server/recovery/recover-missed-events";
import { recoverMissedEvents } from "@/lib/server/recovery/recover-missed-events";

export type RecoveryActionState = { report?: RecoveryReport; error?: string; field?: string };

/** The "Recover missed events" form of one integration (bound to its id). */
export async function recoverMissedEventsAction(
  integrationId: string,
  _previous: RecoveryActionState,
  formData: FormData,
): Promise<RecoveryActionState> {
  const brand = await requireBrand();
  // datetime-local inputs carry no zone: the browser sends its UTC offset along.
  const offset = String(formData.get("utcOffset") ?? "Z");
  const window = { from: `${formData.get("from")}:00${offset}`, to: `${formData.get("to")}:00${offset}` };
  try {
    const report = await recoverMissedEvents(brand.accountId, integrationId, window);
    revalidatePath("/events");
    return { report };
  } catch (error) {
    if (isAppError(error)) return { error: error.message, field: error.field };
    console.error("recovering missed events failed", error);
    return { error: "Recovery failed unexpectedly; nothing was lost. Try again." };
  }
}
