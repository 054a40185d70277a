import { RetryAllButton, type RetryFailedAction } from "@/components/events/retry-all-button";
import { type EventFilters, toSearchParams } from "@/lib/schemas/events";

/** Actions on the whole filtered list: export it, retry its failed deliveries. */
export function EventsToolbar({ filters, retryAction }: { filters: EventFilters; retryAction: RetryFailedAction }) {
  const search = toSearchParams(filters).toString();
  // "Retry all failed" acts on exhausted deliveries only; under another status filter it would match nothing.
  const canRetry = !filters.status || filters.status === "exhausted";
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      {canRetry ? <RetryAllButton key={search} filters={filters} action={retryAction} /> : <span />}
      <a
        href={`/api/events/export${search ? `?${search}` : ""}`}
        download
        className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
      >
        Export CSV
      </a>
    </div>
  );
}
