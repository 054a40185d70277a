"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { rewardRetryRuleOf } from "@/lib/events/reward-retry-rules";
import type { ActionResult } from "@/lib/views/action-result";
import type { RewardRetryResult } from "@/lib/views/advocate-view";
import type { RewardRedeemStatusName, RewardStatusName } from "@/lib/views/reward-view";

export type RetryRewardAction = (input: { rewardCreditId: string }) => Promise<ActionResult<RewardRetryResult>>;

const QUEUED_TEXT = "Queued: the portal works on it in a moment; this page follows it.";

/**
 * Try again for one reward credit. What it offers follows the same rule the server enforces
 * (lib/events/reward-retry-rules): needs mapping, failed and exhausted start the credit over (the portal
 * first looks for a credit that may already be on Stripe), a credited one whose redeem failed tries only
 * the redeem, pending and retrying wait for the runner, credited and skipped never (it says why).
 */
export function RetryRewardButton({
  rewardCreditId,
  status,
  redeemStatus,
  action,
  onRetried,
}: {
  rewardCreditId: string;
  status: RewardStatusName;
  redeemStatus: RewardRedeemStatusName;
  action: RetryRewardAction;
  onRetried: () => void;
}) {
  const rule = rewardRetryRuleOf(status, redeemStatus);
  const [isPending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();

  function retry() {
    setMessage(undefined);
    startTransition(async () => {
      const result = await action({ rewardCreditId });
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      setMessage({ tone: "success", text: result.data.isRetried ? QUEUED_TEXT : "Already queued: nothing to do." });
      onRetried();
    });
  }

  if (rule.kind === "refused") return <p className="text-sm text-slate-600">{rule.reason}</p>;
  if (rule.kind === "queued") return <p className="text-sm text-slate-600">{QUEUED_TEXT}</p>;
  return (
    <div className="space-y-2">
      <Button type="button" variant="secondary" disabled={isPending} onClick={retry}>
        {isPending ? "Trying again…" : rule.kind === "redeem-again" ? "Try the redeem again" : "Try again"}
      </Button>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </div>
  );
}
