// Shared by the event actions (a "use server" file may export only actions).
import { isAppError } from "@/lib/errors/app-error";
import type { ActionResult } from "@/lib/events/event-view";

export type { ActionResult };

export const SIGNED_OUT: ActionResult<never> = { ok: false, error: "Your session has ended. Sign in again." };

/** Domain errors keep their message (they are written for people); anything else is logged and hidden. */
export function failureOf(error: unknown, doing: string): ActionResult<never> {
  if (isAppError(error)) return { ok: false, error: error.message };
  console.error(`event action failed while ${doing}`, error);
  return { ok: false, error: `Something went wrong while ${doing}. Try again.` };
}
