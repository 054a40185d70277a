"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EventsTable } from "@/components/events/events-table";
import { Alert } from "@/components/ui/alert";
import { EVENTS_REFRESH_MS, eventListQueryOptions } from "@/lib/queries/events";
import { type EventListQuery, toSearchParams } from "@/lib/schemas/events";
import { withoutCursor } from "@/lib/schemas/list-query";
import type { EventPage } from "@/lib/views/event-view";

type EventsListProps = {
  initialPage: EventPage;
  query: EventListQuery;
  /** `/events` for brands, `/support/events` for staff: where rows and page links point. */
  basePath: string;
  showAccount?: boolean;
};

const hrefOf = (basePath: string, query: Partial<EventListQuery>) => {
  const search = toSearchParams(query).toString();
  return search ? `${basePath}?${search}` : basePath;
};

/**
 * The delivery log, live: the server rendered this page of events; the browser refetches the same
 * page (same filters, same cursor) every few seconds, so statuses change in place and, on the first
 * page, new events appear on top. Older pages stay put: their cursor pins them.
 */
export function EventsList({ initialPage, query, basePath, showAccount = false }: EventsListProps) {
  const { data, error, isFetching } = useQuery({ ...eventListQueryOptions(query), initialData: initialPage });
  const filters = withoutCursor(query);
  const hasFilters = Object.values(filters).some(Boolean);
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-500" aria-live="polite">
        Live: refreshes every {EVENTS_REFRESH_MS / 1000} s{isFetching ? " · refreshing…" : ""}
      </p>
      {error ? <Alert>{error.message}</Alert> : null}
      <EventsTable
        items={data.items}
        basePath={basePath}
        showAccount={showAccount}
        emptyText={
          hasFilters
            ? "No events match these filters."
            : "No events yet. Events appear here as soon as Stripe sends them to an integration's webhook."
        }
      />
      <nav className="flex items-center justify-between text-sm" aria-label="Pages">
        {query.cursor ? (
          <Link href={hrefOf(basePath, filters)} className="text-brand hover:underline">
            ← Newest events
          </Link>
        ) : (
          <span />
        )}
        {data.nextCursor ? (
          <Link href={hrefOf(basePath, { ...filters, cursor: data.nextCursor })} className="text-brand hover:underline">
            Older events →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
