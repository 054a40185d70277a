"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { type ReplayRule, replayRuleOf, SEND_AGAIN_WARNING } from "@/lib/events/replay-rules";
import type { ActionResult } from "@/lib/views/action-result";
import type { DeliveryStatusName, ReplayResult } from "@/lib/views/event-view";

export type ReplayAction = (input: {
  deliveryId: string;
  confirmSendAgain?: boolean;
}) => Promise<ActionResult<ReplayResult>>;

/** What waits for nothing from a person, in its own words. */
const QUEUED_TEXT: Partial<Record<DeliveryStatusName, string>> = {
  pending: "Queued: it is sent in a moment.",
  sent: "Sent: impact.com is processing it; its outcome shows here once impact.com has finished.",
};

const NOT_REPLAYED_TEXT: Partial<Record<DeliveryStatusName, string>> = {
  sent: "Already at impact.com, awaiting its outcome: nothing to do.",
};

/** The button's word: a rejected or unknown send is "sent again", a failed one "replayed". */
function buttonLabelOf(status: DeliveryStatusName, rule: ReplayRule): string {
  if (rule.kind === "retry-now") return "Retry now";
  return status === "rejected" || status === "unknown" ? "Send again" : "Replay";
}

/** Why the person is asked first: the conversion is at impact.com, or may be. */
function SendAgainExplanation({ status }: { status: DeliveryStatusName }) {
  if (status === "unknown")
    return (
      <p>
        The portal stopped while sending this one, so impact.com may already have it. Look for its OrderId in impact.com
        first: if it is there, use &ldquo;Mark as delivered&rdquo; instead; send it again only if it is missing,
        otherwise partners are credited twice.
      </p>
    );
  return (
    <p>
      impact.com already accepted this one. Send it again only if impact.com lost it; otherwise partners are credited
      twice.
    </p>
  );
}

/**
 * Replay one delivery. What it offers follows the same rule the server enforces: exhausted →
 * "Replay", rejected → "Send again" (impact.com credited nothing), retrying → "Retry now", delivered
 * → "Replay" and unknown → "Send again", both behind an explicit confirmation, pending and sent →
 * nothing to do, skipped → never (it says why).
 */
export function ReplayButton({
  deliveryId,
  status,
  action,
  onReplayed,
}: {
  deliveryId: string;
  status: DeliveryStatusName;
  action: ReplayAction;
  onReplayed: () => void;
}) {
  const rule = replayRuleOf(status);
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
        text: result.data.isReplayed
          ? "Replay queued: it is sent in a moment."
          : (NOT_REPLAYED_TEXT[result.data.status] ?? "Already queued: nothing to do."),
      });
      onReplayed();
    });
  }

  if (rule.kind === "refused") return <p className="text-sm text-slate-600">{rule.reason}</p>;
  if (rule.kind === "queued") return <p className="text-sm text-slate-600">{QUEUED_TEXT[status]}</p>;
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant="secondary"
        disabled={isPending}
        onClick={() => (rule.kind === "confirm" ? setIsConfirming(true) : replay(false))}
      >
        {isPending ? "Replaying…" : buttonLabelOf(status, rule)}
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
        <SendAgainExplanation status={status} />
      </Dialog>
    </div>
  );
}
