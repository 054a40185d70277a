"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { type AttemptRow, AttemptsTable } from "@/components/events/attempts-table";
import { TestModeBadge } from "@/components/events/badges";
import { formatUtc } from "@/components/events/format";
import { type RetryRewardAction, RetryRewardButton } from "@/components/rewards/retry-reward-button";
import { RewardStatusBadge } from "@/components/rewards/reward-status-badge";
import { RewardStatusNote } from "@/components/rewards/reward-status-note";
import { Alert } from "@/components/ui/alert";
import { BackLink } from "@/components/ui/back-link";
import { rewardDetailQueryOptions, rewardKeys } from "@/lib/queries/rewards";
import type { RewardAttemptView, RewardDetail } from "@/lib/views/reward-view";

const REDEEM_LABELS: Record<RewardDetail["redeemStatus"], string> = {
  not_due: "not yet (after the credit)",
  pending: "pending",
  redeemed: "redeemed",
  failed: "failed",
};

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-mono text-xs break-all" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** A reward's attempt in the shared table: the step says which call it was, the request where it went. */
const attemptRowOf = (attempt: RewardAttemptView): AttemptRow => ({
  ...attempt,
  phase: attempt.step,
  request: `${attempt.requestMethod} ${attempt.requestUrl}`,
});

/** One reward credit and every attempt, live: after Try again the page follows it to credited (or not). */
export function RewardDetailView({
  initialDetail,
  backHref,
  retryAction,
  showAccount = false,
}: {
  initialDetail: RewardDetail;
  backHref: string;
  retryAction: RetryRewardAction;
  showAccount?: boolean;
}) {
  const queryClient = useQueryClient();
  const { data: reward, error } = useQuery({
    ...rewardDetailQueryOptions(initialDetail.id),
    initialData: initialDetail,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: rewardKeys.all });
  return (
    <div className="space-y-6">
      <div>
        <BackLink href={backHref}>Rewards</BackLink>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">
            Reward {reward.amountText} {reward.currency.toUpperCase()}
          </h1>
          <RewardStatusBadge status={reward.status} />
          <TestModeBadge mode={reward.integration.mode} />
        </div>
        <p className="mt-1 font-mono text-sm break-all text-slate-700" data-testid="reward-id">
          {reward.rewardId}
        </p>
      </div>
      {error ? <Alert>{error.message}</Alert> : null}
      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <RewardStatusNote reward={reward} />
          <RetryRewardButton
            // Keyed by state: a message about the previous status or generation must not linger.
            key={`${reward.status}-${reward.redeemStatus}-${reward.generation}`}
            rewardCreditId={reward.id}
            status={reward.status}
            redeemStatus={reward.redeemStatus}
            action={retryAction}
            onRetried={refresh}
          />
        </div>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {showAccount ? (
            <Fact label="Account">{`${reward.account.companyName} (${reward.account.impactSid})`}</Fact>
          ) : null}
          <Fact label="Integration">{reward.integration.siteUrl}</Fact>
          <Fact label="Tenant">{reward.tenantAlias}</Fact>
          <Fact label="Participant (user / account)" testId="participant">
            {reward.participant.userId} / {reward.participant.accountId}
          </Fact>
          <Fact label="Amount">{`${reward.amountText} ${reward.currency.toUpperCase()} (${reward.unit}, ${reward.amount} minor units)`}</Fact>
          <Fact label="Stripe customer">{reward.stripeCustomerId ?? "—"}</Fact>
          <Fact label="Balance transaction" testId="balance-transaction">
            {reward.stripeBalanceTransactionId ?? "—"}
          </Fact>
          <Fact label="Redeemed in Advocate">
            {REDEEM_LABELS[reward.redeemStatus]}
            {reward.redeemedAt ? ` ${formatUtc(reward.redeemedAt)}` : ""}
          </Fact>
          <Fact label="Received">{formatUtc(reward.createdAt)}</Fact>
          <Fact label="Advocate event">{reward.advocateEventId}</Fact>
          <Fact label="Reward credit id">{reward.id}</Fact>
        </dl>
        <div className="space-y-2">
          <h2 className="text-sm font-semibold">Attempts</h2>
          <AttemptsTable attempts={reward.attempts.map(attemptRowOf)} phaseTitle="Step" />
        </div>
      </section>
    </div>
  );
}
