// What every server action answers, so every form and button reads one shape.

/** A failure a person can act on: one message, and per-field messages when they belong next to a field. */
export type ActionFailure = {
  ok: false;
  error: string;
  fieldErrors?: Partial<Record<string, string>>;
  /** What a form sent, handed back so a failed submit keeps the typing; never a secret. */
  values?: Partial<Record<string, string>>;
};

export type ActionResult<T = null> = { ok: true; data: T } | ActionFailure;

/** The state a form or button starts in, before its action has answered once. */
export type ActionState<T = null> = ActionResult<T> | null;

/** The message that goes above a form: only when no field shows the problem itself. */
export function formMessageOf(state: ActionState<unknown>, fields: readonly string[]): string | undefined {
  if (!state || state.ok) return undefined;
  return fields.some((field) => state.fieldErrors?.[field]) ? undefined : state.error;
}

export function fieldErrorsOfState(state: ActionState<unknown>): Partial<Record<string, string>> {
  return state && !state.ok ? (state.fieldErrors ?? {}) : {};
}
