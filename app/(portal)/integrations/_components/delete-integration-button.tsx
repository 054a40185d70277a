"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/views/action-result";

type DeleteAction = (previous: ActionState) => Promise<ActionState>;

/** Two steps on purpose: deleting removes the Stripe endpoint and the integration's whole history. */
export function DeleteIntegrationButton({ action, siteUrl }: { action: DeleteAction; siteUrl: string }) {
  const [state, formAction, isPending] = useActionState(action, null);
  const [isConfirming, setIsConfirming] = useState(false);

  if (!isConfirming) {
    return (
      <Button type="button" variant="danger" onClick={() => setIsConfirming(true)}>
        Delete integration
      </Button>
    );
  }
  return (
    <form
      action={formAction}
      className="space-y-3 rounded-md border border-red-200 bg-red-50 p-4"
      role="group"
      aria-label="Confirm deletion"
    >
      {state && !state.ok ? <Alert>{state.error}</Alert> : null}
      <p className="text-sm text-red-900">
        Delete the integration for <strong>{siteUrl}</strong>? Its webhook endpoint is removed from Stripe, conversions
        stop being sent, and its event history is deleted. This cannot be undone.
      </p>
      <div className="flex gap-3">
        <Button type="submit" variant="danger" disabled={isPending}>
          {isPending ? "Deleting…" : "Yes, delete"}
        </Button>
        <Button type="button" variant="secondary" disabled={isPending} onClick={() => setIsConfirming(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
