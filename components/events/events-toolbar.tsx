import { RetryAllButton, type RetryFailedAction } from "@/components/events/retry-all-button";
import { ExportCsvLink } from "@/components/ui/live-list";
import { type EventFilters, toSearchParams } from "@/lib/schemas/events";

/** Actions on the whole filtered list: export it, retry its failed deliveries. */
export function EventsToolbar({ filters, retryAction }: { filters: EventFilters; retryAction: RetryFailedAction }) {
  const search = toSearchParams(filters).toString();
  // "Retry all failed" acts on exhausted deliveries only; under another status filter it would match nothing.
  const canRetry = !filters.status || filters.status === "exhausted";
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      {canRetry ? <RetryAllButton key={search} filters={filters} action={retryAction} /> : <span />}
      <ExportCsvLink href={`/api/events/export${search ? `?${search}` : ""}`} />
    </div>
  );
}
