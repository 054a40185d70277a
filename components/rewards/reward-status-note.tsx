import { formatUtc } from "@/components/events/format";
import type { RewardDetail } from "@/lib/views/reward-view";

/** What a reward credit's status means for the person reading it, and what they can do about it. */
export function RewardStatusNote({ reward }: { reward: RewardDetail }) {
  switch (reward.status) {
    case "needs_mapping":
      return (
        <p data-testid="reward-note" className="text-sm text-violet-900">
          Advocate participant <span className="font-mono">{reward.participant.userId}</span> (account{" "}
          <span className="font-mono">{reward.participant.accountId}</span>) has no{" "}
          <span className="font-mono">customFields.stripeCustomerId</span>, so the portal does not know whose Stripe
          balance to credit. Set it in Advocate to the participant&apos;s Stripe customer id (cus_…), then Try again.
        </p>
      );
    case "credited":
      return (
        <p data-testid="reward-note" className="text-sm text-slate-700">
          Credited to <span className="font-mono">{reward.stripeCustomerId}</span> at {formatUtc(reward.creditedAt)}:
          Stripe applies the balance to the customer&apos;s next invoice.
        </p>
      );
    case "pending":
    case "retrying":
      return (
        <p data-testid="reward-note" className="text-sm text-slate-700">
          {reward.reason ? `${reward.reason}. ` : ""}Next try {formatUtc(reward.dueAt)}.
        </p>
      );
    case "failed":
    case "exhausted":
      return reward.reason ? (
        <p data-testid="reward-note" className="text-sm text-red-700">
          {reward.reason}
        </p>
      ) : null;
    case "skipped":
      return (
        <p data-testid="reward-note" className="text-sm text-slate-700">
          Skipped: {reward.reason ?? "nothing to credit"}
        </p>
      );
  }
}
