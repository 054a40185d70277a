import Link from "next/link";
import { TestModeBadge } from "@/components/events/badges";
import { formatUtc } from "@/components/events/format";
import { RewardStatusBadge } from "@/components/rewards/reward-status-badge";
import { TableCell, TableRow } from "@/components/ui/table";
import { isFailedReward, type RewardListItem } from "@/lib/views/reward-view";

/** What a status means next to its badge: why it is skipped, failed or waits, and when it is tried next. */
export function RewardStatusDetail({ item }: { item: RewardListItem }) {
  return (
    <>
      {item.reason && item.status !== "credited" ? (
        <div data-testid="reward-reason" className="mt-1 text-xs text-slate-600">
          {item.reason}
        </div>
      ) : null}
      {(item.status === "retrying" || item.status === "pending") && item.dueAt ? (
        <div className="mt-1 text-xs text-slate-600">next try {formatUtc(item.dueAt)}</div>
      ) : null}
      {item.status === "credited" && item.redeemStatus === "failed" ? (
        <div className="mt-1 text-xs text-red-700">credited, but marking it redeemed in Advocate failed</div>
      ) : null}
    </>
  );
}

/** One reward of the view: each cell answers one question a brand or support engineer asks. */
export function RewardRow({
  item,
  detailHref,
  showAccount,
}: {
  item: RewardListItem;
  detailHref: string;
  showAccount: boolean;
}) {
  return (
    <TableRow data-testid="reward-row" className={isFailedReward(item.status) ? "bg-red-50/40" : ""}>
      {showAccount ? <TableCell>{item.account.companyName}</TableCell> : null}
      <TableCell className="whitespace-nowrap text-xs text-slate-600">{formatUtc(item.createdAt)}</TableCell>
      <TableCell>
        <div className="break-all">{item.integration.siteUrl}</div>
        <TestModeBadge mode={item.integration.mode} />
      </TableCell>
      <TableCell>
        <div className="text-xs text-slate-600">{item.tenantAlias}</div>
        <Link href={detailHref} className="font-mono text-xs break-all text-brand hover:underline">
          {item.rewardId}
        </Link>
      </TableCell>
      <TableCell className="text-xs break-all">
        <div data-testid="participant">{item.participant.userId}</div>
        <div className="font-mono text-slate-600">{item.stripeCustomerId ?? "no Stripe customer"}</div>
      </TableCell>
      <TableCell className="whitespace-nowrap" data-testid="reward-amount">
        {item.amountText} {item.currency.toUpperCase()}
      </TableCell>
      <TableCell>
        <RewardStatusBadge status={item.status} />
        <RewardStatusDetail item={item} />
      </TableCell>
      <TableCell className="font-mono text-xs break-all" data-testid="balance-transaction">
        {item.stripeBalanceTransactionId ?? "—"}
      </TableCell>
      <TableCell className="text-center">{item.attemptCount}</TableCell>
    </TableRow>
  );
}
