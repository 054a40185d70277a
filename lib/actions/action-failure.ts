// The one error mapper of the server actions (a "use server" file may export only actions).
import type { z } from "zod";
import { isAppError } from "@/lib/errors/app-error";
import { getLogger } from "@/lib/log";
import { fieldErrorsOf } from "@/lib/schemas/field-errors";
import type { ActionFailure } from "@/lib/views/action-result";

export const SIGNED_OUT: ActionFailure = { ok: false, error: "Your session has ended. Sign in again." };

type Echo = Pick<ActionFailure, "values">;

/** Input that failed its schema: each field's first message beside it, the first one for the top. */
export function invalidInput(error: z.ZodError, echo: Echo = {}): ActionFailure {
  const message = error.issues[0]?.message ?? "The input is not valid.";
  return { ok: false, error: message, fieldErrors: fieldErrorsOf(error), ...echo };
}

/**
 * Domain errors keep their message (they are written for people) and their field; anything else is
 * logged and hidden behind a message that says what failed and that trying again is safe.
 */
export function failureOf(error: unknown, doing: string, echo: Echo = {}): ActionFailure {
  if (isAppError(error)) {
    const fieldErrors = error.field ? { [error.field]: error.message } : undefined;
    return { ok: false, error: error.message, ...(fieldErrors ? { fieldErrors } : {}), ...echo };
  }
  getLogger().error({ component: "server-action", doing, err: error }, "server action failed");
  return { ok: false, error: `Something went wrong while ${doing}; nothing was changed. Try again.`, ...echo };
}
