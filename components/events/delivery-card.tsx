import type { ReactNode } from "react";
import { AttemptsTable } from "@/components/events/attempts-table";
import { OutcomeBadge } from "@/components/events/badges";
import { formatUtc } from "@/components/events/format";
import { type ReplayAction, ReplayButton } from "@/components/events/replay-button";
import { RequestParamsTable } from "@/components/events/request-params-table";
import type { DeliveryDetail } from "@/lib/views/event-view";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-mono text-xs break-all">{children}</dd>
    </div>
  );
}

/** One delivery: where it stands, what was sent, every attempt, and the replay action. */
export function DeliveryCard({
  delivery,
  replayAction,
  onReplayed,
}: {
  delivery: DeliveryDetail;
  replayAction: ReplayAction;
  onReplayed: () => void;
}) {
  const isWaiting = delivery.status === "pending" || delivery.status === "retrying";
  return (
    <section data-testid="delivery" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h2 className="flex items-center gap-2 text-lg font-semibold">
            {delivery.kind === "conversion" ? "Conversion" : "Refund (action modification)"}
            <OutcomeBadge outcome={delivery.status} />
          </h2>
          {delivery.skipReason ? <p className="text-sm text-slate-700">Skipped: {delivery.skipReason}</p> : null}
          {delivery.lastError && delivery.status !== "delivered" ? (
            <p className="text-sm text-red-700">{delivery.lastError}</p>
          ) : null}
        </div>
        {/* Keyed by state: a message about the previous status or generation must not linger. */}
        <ReplayButton
          key={`${delivery.status}-${delivery.generation}`}
          deliveryId={delivery.id}
          status={delivery.status}
          lastError={delivery.lastError}
          action={replayAction}
          onReplayed={onReplayed}
        />
      </div>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Fact label="OrderId">{delivery.orderId ?? "—"}</Fact>
        <Fact label="Event type id">{delivery.eventTypeId ?? "—"}</Fact>
        <Fact label="Attempts (this generation)">{delivery.attemptCount}</Fact>
        <Fact label="Generation">{delivery.generation === 0 ? "original" : `replay ${delivery.generation}`}</Fact>
        <Fact label={isWaiting ? "Next attempt" : "Delivered at"}>
          {formatUtc(isWaiting ? delivery.dueAt : delivery.deliveredAt)}
        </Fact>
        <Fact label="QueuedUri">{delivery.queuedUri ?? "—"}</Fact>
        <Fact label="Click id from">{delivery.clickIdSource ?? "—"}</Fact>
        <Fact label="Delivery id">{delivery.id}</Fact>
      </dl>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Mapped request</h3>
        <RequestParamsTable request={delivery.request} />
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Attempts</h3>
        <AttemptsTable attempts={delivery.attempts} />
      </div>
    </section>
  );
}
