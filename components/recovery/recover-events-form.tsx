"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { type ActionState, fieldErrorsOfState, formMessageOf } from "@/lib/views/action-result";
import type { RecoveryReport } from "@/lib/views/recovery-view";

type RecoveryState = ActionState<RecoveryReport>;

const DAY_MS = 86_400_000;

/** "YYYY-MM-DDTHH:mm" in the browser's zone, what a datetime-local input holds. */
function localInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function utcOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? "+" : "-";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

type RecoverEventsFormProps = {
  action: (previous: RecoveryState, formData: FormData) => Promise<RecoveryState>;
};

/** Missed-event recovery: a window of at most 30 days, then how many events were new. */
export function RecoverEventsForm({ action }: RecoverEventsFormProps) {
  const [state, formAction, isPending] = useActionState(action, null);
  const [defaults] = useState(() => {
    const now = new Date();
    return {
      from: localInputValue(new Date(now.getTime() - 3 * DAY_MS)),
      to: localInputValue(now),
      offset: utcOffset(now),
    };
  });
  const report = state?.ok ? state.data : null;
  const fieldErrors = fieldErrorsOfState(state);
  const message = formMessageOf(state, ["from", "to"]);
  return (
    <form action={formAction} className="space-y-4">
      <p className="text-sm text-slate-600">
        Lists this Stripe account&apos;s events of the window (Stripe keeps 30 days) and ingests the ones the portal
        never received. Events already stored are left alone, so running it twice is safe.
      </p>
      <input type="hidden" name="utcOffset" value={defaults.offset} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="From"
          name="from"
          type="datetime-local"
          defaultValue={defaults.from}
          error={fieldErrors.from}
        />
        <TextField label="To" name="to" type="datetime-local" defaultValue={defaults.to} error={fieldErrors.to} />
      </div>
      {message ? <Alert>{message}</Alert> : null}
      {report ? (
        <Alert tone={report.failed.length ? "error" : "success"}>
          <span data-testid="recovery-report">
            {report.listed} events in the window: {report.ingested} new, {report.alreadyStored} already stored
            {report.failed.length ? `, ${report.failed.length} could not be read` : ""}.
          </span>
          {report.failed.length ? (
            <ul className="mt-2 list-disc pl-5 font-mono text-xs">
              {report.failed.map((failure) => (
                <li key={failure.stripeEventId}>
                  {failure.stripeEventId}: {failure.error}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isPending ? "Recovering…" : "Recover missed events"}
      </Button>
    </form>
  );
}
