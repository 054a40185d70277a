"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/views/action-result";

type ToggleAction = (previous: ActionState) => Promise<ActionState>;

/** Pauses (or resumes) Stripe's deliveries to the portal; the action is already bound to the wanted state. */
export function EnableIntegrationButton({ action, isEnabled }: { action: ToggleAction; isEnabled: boolean }) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      {state && !state.ok ? <Alert>{state.error}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isEnabled ? "Disable integration" : "Enable integration"}
      </Button>
    </form>
  );
}
