"use server";

import { revalidatePath } from "next/cache";
import { requireBrand, requireStaff } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { type RecoveryReport, recoverMissedEvents } from "@/lib/server/recovery/recover-missed-events";

export type RecoveryActionState = { report?: RecoveryReport; error?: string; field?: string };

/** datetime-local inputs carry no zone: the browser sends its UTC offset along. */
function windowOf(formData: FormData) {
  const offset = String(formData.get("utcOffset") ?? "Z");
  return { from: `${formData.get("from")}:00${offset}`, to: `${formData.get("to")}:00${offset}` };
}

async function run(accountId: string | null, integrationId: string, formData: FormData): Promise<RecoveryActionState> {
  try {
    const report = await recoverMissedEvents(accountId, integrationId, windowOf(formData));
    revalidatePath("/events");
    return { report };
  } catch (error) {
    if (isAppError(error)) return { error: error.message, field: error.field };
    console.error("recovering missed events failed", error);
    return { error: "Recovery failed unexpectedly; nothing was lost. Try again." };
  }
}

/** The brand's "Recover missed events" form of one of its integrations (bound to its id). */
export async function recoverMissedEventsAction(
  integrationId: string,
  _previous: RecoveryActionState,
  formData: FormData,
) {
  const brand = await requireBrand();
  return run(brand.accountId, integrationId, formData);
}

/** The same for support staff, on any account's integration; written to the audit log. */
export async function recoverMissedEventsAsStaffAction(
  accountId: string,
  integrationId: string,
  _previous: RecoveryActionState,
  formData: FormData,
): Promise<RecoveryActionState> {
  const staff = await requireStaff();
  const state = await run(accountId, integrationId, formData);
  await recordAudit({
    staffUserId: staff.staffUserId,
    action: "events.recover",
    accountId,
    targetType: "integration",
    targetId: integrationId,
    details: {
      window: windowOf(formData),
      ...(state.report ? { report: state.report } : { error: state.error ?? null }),
    },
  });
  return state;
}
