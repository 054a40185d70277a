"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/views/action-result";
import type { MarkDeliveredResult } from "@/lib/views/event-view";

export type MarkDeliveredAction = (input: { deliveryId: string }) => Promise<ActionResult<MarkDeliveredResult>>;

/**
 * "Mark as delivered" for a send whose outcome is unknown: the person found the conversion in
 * impact.com, so it is recorded as delivered without a second send. Asks first, since the portal
 * takes the person's word for it.
 */
export function MarkDeliveredButton({
  deliveryId,
  orderId,
  action,
  onMarked,
}: {
  deliveryId: string;
  orderId: string | null;
  action: MarkDeliveredAction;
  onMarked: () => void;
}) {
  const [isConfirming, setIsConfirming] = useState(false);
  const [isPending, startTransition] = useTransition();
  const [error, setError] = useState<string>();

  function markDelivered() {
    setError(undefined);
    startTransition(async () => {
      const result = await action({ deliveryId });
      setIsConfirming(false);
      if (!result.ok) return setError(result.error);
      onMarked();
    });
  }

  return (
    <div className="space-y-2">
      <Button type="button" variant="secondary" disabled={isPending} onClick={() => setIsConfirming(true)}>
        Mark as delivered
      </Button>
      {error ? <Alert>{error}</Alert> : null}
      <Dialog
        isOpen={isConfirming}
        onClose={() => setIsConfirming(false)}
        title="Mark this conversion as delivered?"
        actions={
          <>
            <Button type="button" variant="secondary" onClick={() => setIsConfirming(false)} disabled={isPending}>
              Cancel
            </Button>
            <Button type="button" onClick={markDelivered} disabled={isPending}>
              {isPending ? "Marking…" : "Mark as delivered"}
            </Button>
          </>
        }
      >
        <p className="font-medium">Nothing is sent to impact.com.</p>
        <p>
          Do this only if you found {orderId ? `order ${orderId}` : "this conversion"} in impact.com. The log then shows
          it as delivered, noting who marked it, and refunds of it can be sent.
        </p>
      </Dialog>
    </div>
  );
}
