import Link from "next/link";
import { OutcomeBadge, TestModeBadge } from "@/components/events/badges";
import { formatUtc, rejectionOf, truncate } from "@/components/events/format";
import { TableCell, TableRow } from "@/components/ui/table";
import { type EventListItem, isFailedOutcome } from "@/lib/views/event-view";

function LastResponse({ delivery }: { delivery: EventListItem["delivery"] }) {
  if (!delivery || (delivery.lastStatusCode === null && !delivery.lastError))
    return <span className="text-slate-400">—</span>;
  return (
    <span title={delivery.lastError ?? undefined}>
      {delivery.lastStatusCode !== null ? <span className="font-mono">{delivery.lastStatusCode}</span> : null}
      {delivery.lastError ? <span className="ml-1 text-slate-600">{truncate(delivery.lastError, 60)}</span> : null}
    </span>
  );
}

/** One event of the log: each cell answers one question a brand or support engineer asks. */
export function EventRow({
  item,
  detailHref,
  showAccount,
}: {
  item: EventListItem;
  detailHref: string;
  showAccount: boolean;
}) {
  const isFailed = isFailedOutcome(item.outcome);
  return (
    <TableRow data-testid="event-row" className={isFailed ? "bg-red-50/40" : ""}>
      {showAccount ? <TableCell>{item.account.companyName}</TableCell> : null}
      <TableCell className="whitespace-nowrap text-xs text-slate-600">{formatUtc(item.receivedAt)}</TableCell>
      <TableCell>
        <div className="break-all">{item.integration.siteUrl}</div>
        <TestModeBadge mode={item.integration.mode} />
      </TableCell>
      <TableCell>
        <div className="text-xs text-slate-600">{item.type}</div>
        <Link href={detailHref} className="font-mono text-xs break-all text-brand hover:underline">
          {item.stripeEventId}
        </Link>
      </TableCell>
      <TableCell className="font-mono text-xs break-all">{item.orderId ?? "—"}</TableCell>
      <TableCell>
        <OutcomeBadge outcome={item.outcome} />
        {item.reason && (item.outcome === "skipped" || item.outcome === "ignored") ? (
          <div className="mt-1 text-xs text-slate-600">{item.reason}</div>
        ) : null}
        {item.outcome === "rejected" && item.delivery ? (
          <div data-testid="impact-error" className="mt-1 text-xs break-all text-slate-600">
            {rejectionOf(item.delivery)}
          </div>
        ) : null}
        {item.outcome === "retrying" && item.delivery?.dueAt ? (
          <div className="mt-1 text-xs text-slate-600">next try {formatUtc(item.delivery.dueAt)}</div>
        ) : null}
      </TableCell>
      <TableCell className="text-center">{item.delivery?.attemptCount ?? "—"}</TableCell>
      <TableCell className="text-xs">
        <LastResponse delivery={item.delivery} />
      </TableCell>
    </TableRow>
  );
}
