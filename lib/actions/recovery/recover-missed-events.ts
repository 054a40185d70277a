"use server";

import { revalidatePath } from "next/cache";
import { failureOf, invalidInput } from "@/lib/actions/action-failure";
import { requireBrand, requireStaff } from "@/lib/auth/session";
import { RowIdSchema } from "@/lib/schemas/events";
import { RecoveryWindowSchema } from "@/lib/schemas/recovery";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { recoverMissedEvents } from "@/lib/server/recovery/recover-missed-events";
import type { ActionResult, ActionState } from "@/lib/views/action-result";
import type { RecoveryReport } from "@/lib/views/recovery-view";

type RecoveryState = ActionState<RecoveryReport>;

/** datetime-local inputs carry no zone: the browser sends its UTC offset along. */
function windowOf(formData: FormData) {
  const offset = String(formData.get("utcOffset") ?? "Z");
  return { from: `${formData.get("from")}:00${offset}`, to: `${formData.get("to")}:00${offset}` };
}

type Window = ReturnType<typeof windowOf>;
/** Who asks, answered after the input is known to be good: the account to scope to, and what to record. */
type Authorized = {
  accountId: string | null;
  afterwards?: (window: Window, result: ActionResult<RecoveryReport>) => Promise<void>;
};

/** Input first (a bad window or id is answered without touching the session), then who asks, then one call. */
async function recover(integrationId: string, formData: FormData, authorize: () => Promise<Authorized>) {
  if (!RowIdSchema.safeParse(integrationId).success)
    return { ok: false as const, error: "That integration id is not valid." };
  const window = windowOf(formData);
  const parsed = RecoveryWindowSchema.safeParse(window);
  if (!parsed.success) return invalidInput(parsed.error);
  const { accountId, afterwards } = await authorize();
  let result: ActionResult<RecoveryReport>;
  try {
    result = { ok: true, data: await recoverMissedEvents(accountId, integrationId, window) };
    revalidatePath("/events");
  } catch (error) {
    result = failureOf(error, "recovering missed events");
  }
  await afterwards?.(window, result);
  return result;
}

/** The brand's "Recover missed events" form of one of its integrations (bound to its id). */
export async function recoverMissedEventsAction(
  integrationId: string,
  _previous: RecoveryState,
  formData: FormData,
): Promise<RecoveryState> {
  return recover(integrationId, formData, async () => ({ accountId: (await requireBrand()).accountId }));
}

/** The same for support staff, on any account's integration; written to the audit log. */
export async function recoverMissedEventsAsStaffAction(
  accountId: string,
  integrationId: string,
  _previous: RecoveryState,
  formData: FormData,
): Promise<RecoveryState> {
  return recover(integrationId, formData, async () => {
    const staff = await requireStaff();
    return {
      accountId,
      afterwards: (window, result) =>
        recordAudit({
          staffUserId: staff.staffUserId,
          action: "events.recover",
          accountId,
          targetType: "integration",
          targetId: integrationId,
          details: { window, ...(result.ok ? { report: result.data } : { error: result.error }) },
        }),
    };
  });
}
