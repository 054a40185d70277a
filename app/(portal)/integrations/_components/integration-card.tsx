import Link from "next/link";
import { Suspense } from "react";
import { AdvocateSummary } from "@/app/(portal)/integrations/_components/advocate-summary";
import { DeliveryChart } from "@/app/(portal)/integrations/_components/delivery-chart";
import {
  EndpointStatusBadge,
  EndpointStatusPending,
} from "@/app/(portal)/integrations/_components/endpoint-status-badge";
import { EnabledBadge, ModeBadge } from "@/app/(portal)/integrations/_components/mode-badge";
import { RelativeTime } from "@/app/(portal)/integrations/_components/relative-time";
import type { IntegrationSummary } from "@/lib/views/integration-view";

function Count({ label, value, tone }: { label: string; value: number; tone: "ok" | "wait" | "bad" | "muted" }) {
  const tones = {
    ok: "text-emerald-700",
    wait: "text-slate-700",
    bad: value > 0 ? "text-red-700 font-bold" : "text-slate-700",
    muted: "text-slate-500",
  };
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`text-lg font-semibold ${tones[tone]}`}>{value}</dd>
    </div>
  );
}

/**
 * One integration on the dashboard (SPEC §4): delivered counts only what impact.com confirmed, sent ones
 * are "awaiting impact.com"; failures (rejected, exhausted, unknown) are red and the whole card is
 * outlined when any occurred.
 */
export function IntegrationCard({ integration }: { integration: IntegrationSummary }) {
  const { stats } = integration;
  const hasFailures = stats.last24h.failed > 0 || stats.days.some((day) => day.failed > 0);
  return (
    <li
      data-testid="integration-card"
      className={`rounded-lg border bg-white p-5 shadow-sm ${hasFailures ? "border-red-300 ring-1 ring-red-200" : "border-slate-200"}`}
    >
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/integrations/${integration.id}`} className="text-lg font-semibold text-brand hover:underline">
          {integration.siteUrl}
        </Link>
        <ModeBadge mode={integration.mode} />
        <Suspense fallback={<EndpointStatusPending />}>
          <EndpointStatusBadge status={integration.endpointStatus} />
        </Suspense>
        {integration.isEnabled ? null : <EnabledBadge isEnabled={false} />}
        <Link href={`/events?integration=${integration.id}`} className="ml-auto text-sm text-brand hover:underline">
          View events →
        </Link>
      </div>
      <div className="mt-4 flex flex-wrap items-end gap-x-10 gap-y-4">
        <div>
          <p className="text-xs text-slate-500">Last event received</p>
          <p className="text-sm font-medium">
            {stats.lastEventAt ? <RelativeTime date={stats.lastEventAt} /> : "No events yet"}
          </p>
        </div>
        <dl className="flex gap-6" aria-label="Deliveries in the last 24 hours">
          <Count label="Delivered (24 h)" value={stats.last24h.delivered} tone="ok" />
          <Count label="Awaiting impact.com (24 h)" value={stats.last24h.awaiting} tone="wait" />
          <Count label="Pending (24 h)" value={stats.last24h.pending} tone="wait" />
          <Count label="Failed (24 h)" value={stats.last24h.failed} tone="bad" />
          {stats.last24h.skipped > 0 ? (
            <Count label="Skipped (24 h)" value={stats.last24h.skipped} tone="muted" />
          ) : null}
        </dl>
        <DeliveryChart days={stats.days} />
      </div>
      {integration.advocate ? (
        <div className="mt-3">
          <AdvocateSummary integrationId={integration.id} advocate={integration.advocate} />
        </div>
      ) : null}
    </li>
  );
}
