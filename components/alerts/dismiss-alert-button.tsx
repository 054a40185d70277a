"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/views/action-result";

export type DismissAction = (previous: ActionState) => Promise<ActionState>;

/** Clears one alert by hand (audited); the action is already bound to the alert. */
export function DismissAlertButton({ action, title }: { action: DismissAction; title: string }) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <Button type="submit" variant="secondary" disabled={isPending} aria-label={`Dismiss: ${title}`}>
        {isPending ? "Dismissing…" : "Dismiss"}
      </Button>
      {state && !state.ok ? (
        <p role="alert" className="text-xs text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
