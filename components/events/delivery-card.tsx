import type { ReactNode } from "react";
import { type AttemptRow, AttemptsTable } from "@/components/events/attempts-table";
import { OutcomeBadge } from "@/components/events/badges";
import { DeliveryStatusNote } from "@/components/events/delivery-status-note";
import { formatUtc } from "@/components/events/format";
import { type MarkDeliveredAction, MarkDeliveredButton } from "@/components/events/mark-delivered-button";
import { type ReplayAction, ReplayButton } from "@/components/events/replay-button";
import { RequestParamsTable } from "@/components/events/request-params-table";
import { canMarkDelivered } from "@/lib/events/replay-rules";
import type { AttemptView, DeliveryDetail } from "@/lib/views/event-view";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-mono text-xs break-all">{children}</dd>
    </div>
  );
}

/** A delivery's attempt in the shared table: its generation says which replay made it. */
const attemptRowOf = (attempt: AttemptView): AttemptRow => ({
  ...attempt,
  phase: attempt.generation === 0 ? "original" : `replay ${attempt.generation}`,
});

/** The time that matters for where it stands: the next thing that happens, or when it was settled. */
function timeFactOf(delivery: DeliveryDetail): { label: string; value: string | null } {
  switch (delivery.status) {
    case "pending":
    case "retrying":
      return { label: "Next attempt", value: delivery.dueAt };
    case "sent":
      return { label: "Next outcome read", value: delivery.dueAt };
    case "delivered":
      return { label: "Delivered at", value: delivery.deliveredAt };
    case "rejected":
    case "exhausted":
    case "unknown":
    case "skipped":
      return { label: "Sent to impact.com", value: delivery.sentAt };
  }
}

/** One delivery: where it stands, what was sent, every attempt, and what a person can do about it. */
export function DeliveryCard({
  delivery,
  replayAction,
  markDeliveredAction,
  onChanged,
}: {
  delivery: DeliveryDetail;
  replayAction: ReplayAction;
  markDeliveredAction: MarkDeliveredAction;
  /** After a replay or a mark: refetch, so the card follows the delivery. */
  onChanged: () => void;
}) {
  const time = timeFactOf(delivery);
  // Keyed by state: a message about the previous status or generation must not linger.
  const stateKey = `${delivery.status}-${delivery.generation}`;
  return (
    <section data-testid="delivery" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h2 className="flex items-center gap-2 text-lg font-semibold">
            {delivery.kind === "conversion" ? "Conversion" : "Refund (action modification)"}
            <OutcomeBadge outcome={delivery.status} />
          </h2>
          <DeliveryStatusNote delivery={delivery} />
          {delivery.kind === "conversion" && delivery.eventTypeRule ? (
            <p data-testid="event-type-rule" className="text-sm text-slate-600">
              Event type chosen by: {delivery.eventTypeRule}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-start gap-3">
          <ReplayButton
            key={`replay-${stateKey}`}
            deliveryId={delivery.id}
            status={delivery.status}
            action={replayAction}
            onReplayed={onChanged}
          />
          {canMarkDelivered(delivery.status) ? (
            <MarkDeliveredButton
              key={`mark-${stateKey}`}
              deliveryId={delivery.id}
              orderId={delivery.orderId}
              action={markDeliveredAction}
              onMarked={onChanged}
            />
          ) : null}
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Fact label="OrderId">{delivery.orderId ?? "—"}</Fact>
        <Fact label="Event type id">{delivery.eventTypeId ?? "—"}</Fact>
        <Fact label="Attempts (this generation)">{delivery.attemptCount}</Fact>
        <Fact label="Generation">{delivery.generation === 0 ? "original" : `replay ${delivery.generation}`}</Fact>
        <Fact label={time.label}>{formatUtc(time.value)}</Fact>
        <Fact label="QueuedUri">{delivery.queuedUri ?? "—"}</Fact>
        <Fact label="Click id from">{delivery.clickIdSource ?? "—"}</Fact>
        {delivery.subscriptionId ? <Fact label="Subscription">{delivery.subscriptionId}</Fact> : null}
        <Fact label="Delivery id">{delivery.id}</Fact>
      </dl>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Mapped request</h3>
        <RequestParamsTable request={delivery.request} />
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Attempts</h3>
        <AttemptsTable attempts={delivery.attempts.map(attemptRowOf)} phaseTitle="Generation" />
      </div>
    </section>
  );
}
