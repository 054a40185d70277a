"use client";

import { type FormEvent, startTransition, useActionState, useState } from "react";
import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/schemas/field-errors";
import { type ActionState, fieldErrorsOfState, formMessageOf } from "@/lib/views/action-result";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;
type FieldTexts = Partial<Record<string, string>>;

/**
 * A server-action form checked in the browser first with the same zod schema the server uses. The submit
 * is dispatched by hand (the event prevented) so React does not reset the inputs: a failed submit keeps
 * everything typed, secrets included, in this page only. Field errors come from the browser's check while
 * it fails, else from the server's answer; the form message only when no field shows the problem.
 */
export function useCheckedFormAction(action: FormAction, schema: z.ZodType, fields: readonly string[]) {
  const [state, formAction, isPending] = useActionState(action, null);
  const [clientErrors, setClientErrors] = useState<FieldTexts | null>(null);
  const fieldErrors = clientErrors ?? fieldErrorsOfState(state);
  const formMessage = clientErrors ? undefined : formMessageOf(state, fields);
  /** What the server echoed back after a failed submit, to fill the inputs with again. */
  const echoed: FieldTexts = state && !state.ok ? (state.values ?? {}) : {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      setClientErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setClientErrors(null);
    startTransition(() => formAction(formData));
  }

  return { state, formAction, isPending, fieldErrors, formMessage, echoed, onSubmit };
}
