"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { OutcomeBadge, TestModeBadge } from "@/components/events/badges";
import { DeliveryCard } from "@/components/events/delivery-card";
import { formatUtc } from "@/components/events/format";
import type { MarkDeliveredAction } from "@/components/events/mark-delivered-button";
import type { ReplayAction } from "@/components/events/replay-button";
import { Alert } from "@/components/ui/alert";
import { BackLink } from "@/components/ui/back-link";
import { eventDetailQueryOptions, eventKeys } from "@/lib/queries/events";
import type { EventDetail } from "@/lib/views/event-view";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm break-all">{children}</dd>
    </div>
  );
}

/**
 * One Stripe event and what became of it, live: after a replay the page follows the delivery
 * (pending → sent → delivered or rejected) without a reload.
 */
export function EventDetailView({
  initialDetail,
  backHref,
  replayAction,
  markDeliveredAction,
  showAccount = false,
}: {
  initialDetail: EventDetail;
  backHref: string;
  replayAction: ReplayAction;
  markDeliveredAction: MarkDeliveredAction;
  showAccount?: boolean;
}) {
  const queryClient = useQueryClient();
  const { data: event, error } = useQuery({ ...eventDetailQueryOptions(initialDetail.id), initialData: initialDetail });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: eventKeys.all });
  return (
    <div className="space-y-6">
      <div>
        <BackLink href={backHref}>Events</BackLink>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{event.type}</h1>
          <OutcomeBadge outcome={event.outcome} />
          <TestModeBadge mode={event.integration.mode} />
        </div>
        <p className="mt-1 font-mono text-sm break-all text-slate-700" data-testid="stripe-event-id">
          {event.stripeEventId}
        </p>
      </div>
      {error ? <Alert>{error.message}</Alert> : null}
      {event.reason && event.outcome === "ignored" ? <Alert tone="info">Ignored: {event.reason}</Alert> : null}
      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-6 md:grid-cols-4">
        {showAccount ? (
          <Fact label="Account">{`${event.account.companyName} (${event.account.impactSid})`}</Fact>
        ) : null}
        <Fact label="Integration">{event.integration.siteUrl}</Fact>
        <Fact label="Received">{formatUtc(event.receivedAt)}</Fact>
        <Fact label="Created in Stripe">{formatUtc(event.stripeCreatedAt)}</Fact>
        <Fact label="Customer">{event.customerId ?? "—"}</Fact>
        <Fact label="API version">{event.apiVersion ?? "—"}</Fact>
        <Fact label="Source">{event.source === "recovery" ? "recovered (missed webhook)" : "webhook"}</Fact>
      </dl>
      {event.deliveries.map((delivery) => (
        <DeliveryCard
          key={delivery.id}
          delivery={delivery}
          replayAction={replayAction}
          markDeliveredAction={markDeliveredAction}
          onChanged={refresh}
        />
      ))}
      {event.deliveries.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing is sent to impact.com for this event.</p>
      ) : null}
      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer text-sm font-semibold">Stripe payload</summary>
        <pre data-testid="stripe-payload" className="mt-3 max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 text-xs">
          {event.payloadJson}
        </pre>
      </details>
    </div>
  );
}
