"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ActionState } from "@/lib/views/action-result";

type DisconnectAction = (previous: ActionState) => Promise<ActionState>;

/**
 * Asks first: disconnecting removes the webhook subscription in Advocate, so new rewards stop arriving. The
 * dialog stays open until the page shows the result (a refusal inside it, or the page without a connection).
 */
export function DisconnectAdvocateButton({ action, tenantAlias }: { action: DisconnectAction; tenantAlias: string }) {
  const [state, formAction, isPending] = useActionState(action, null);
  const [isConfirming, setIsConfirming] = useState(false);
  return (
    <div className="space-y-2">
      <Button type="button" variant="danger" onClick={() => setIsConfirming(true)}>
        Disconnect Advocate
      </Button>
      <Dialog
        isOpen={isConfirming}
        onClose={() => setIsConfirming(false)}
        title="Disconnect Advocate?"
        actions={
          <form action={formAction} className="flex gap-3">
            <Button type="button" variant="secondary" onClick={() => setIsConfirming(false)} disabled={isPending}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={isPending}>
              {isPending ? "Disconnecting…" : "Yes, disconnect"}
            </Button>
          </form>
        }
      >
        {state && !state.ok ? <Alert>{state.error}</Alert> : null}
        <p>
          The portal removes its webhook subscription from tenant <strong>{tenantAlias}</strong>: rewards created from
          now on are no longer credited to Stripe. Rewards already credited and their history stay in the Rewards view.
        </p>
      </Dialog>
    </div>
  );
}
