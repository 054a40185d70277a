"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { replayRuleOf, SEND_AGAIN_WARNING } from "@/lib/events/replay-rules";
import type { ActionResult } from "@/lib/views/action-result";
import type { DeliveryStatusName, ReplayResult } from "@/lib/views/event-view";

export type ReplayAction = (input: {
  deliveryId: string;
  confirmSendAgain?: boolean;
}) => Promise<ActionResult<ReplayResult>>;

/**
 * Replay one delivery. What it offers follows the same rule the server enforces: exhausted →
 * "Replay", retrying → "Retry now", delivered → "Replay" behind an explicit "Send again", pending →
 * nothing to do, skipped → never (it says why).
 */
export function ReplayButton({
  deliveryId,
  status,
  lastError,
  action,
  onReplayed,
}: {
  deliveryId: string;
  status: DeliveryStatusName;
  lastError?: string | null;
  action: ReplayAction;
  onReplayed: () => void;
}) {
  const rule = replayRuleOf(status, lastError);
  const [isConfirming, setIsConfirming] = useState(false);
  const [isPending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();

  function replay(confirmSendAgain: boolean) {
    setMessage(undefined);
    startTransition(async () => {
      const result = await action({ deliveryId, confirmSendAgain });
      setIsConfirming(false);
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      setMessage({
        tone: "success",
        text: result.data.isReplayed ? "Replay queued: it is sent in a moment." : "Already queued: nothing to do.",
      });
      onReplayed();
    });
  }

  if (rule.kind === "refused") return <p className="text-sm text-slate-600">{rule.reason}</p>;
  if (rule.kind === "queued") return <p className="text-sm text-slate-600">Queued: it is sent in a moment.</p>;
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant="secondary"
        disabled={isPending}
        onClick={() => (rule.kind === "confirm" ? setIsConfirming(true) : replay(false))}
      >
        {isPending ? "Replaying…" : rule.kind === "retry-now" ? "Retry now" : "Replay"}
      </Button>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Dialog
        isOpen={isConfirming}
        onClose={() => setIsConfirming(false)}
        title="Send this conversion again?"
        actions={
          <>
            <Button type="button" variant="secondary" onClick={() => setIsConfirming(false)} disabled={isPending}>
              Cancel
            </Button>
            <Button type="button" variant="danger" onClick={() => replay(true)} disabled={isPending}>
              {isPending ? "Sending…" : "Send again"}
            </Button>
          </>
        }
      >
        <p className="font-medium">{SEND_AGAIN_WARNING}</p>
        <p>
          impact.com already accepted this one. Send it again only if impact.com lost it; otherwise partners are
          credited twice.
        </p>
      </Dialog>
    </div>
  );
}
