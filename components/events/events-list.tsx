"use client";

import { useQuery } from "@tanstack/react-query";
import { EventsTable } from "@/components/events/events-table";
import { Alert } from "@/components/ui/alert";
import { ListPager, LiveRefreshNote } from "@/components/ui/live-list";
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
      <LiveRefreshNote intervalMs={EVENTS_REFRESH_MS} isFetching={isFetching} />
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
      <ListPager
        newest={query.cursor ? { href: hrefOf(basePath, filters), text: "Newest events" } : null}
        older={
          data.nextCursor
            ? { href: hrefOf(basePath, { ...filters, cursor: data.nextCursor }), text: "Older events" }
            : null
        }
      />
    </div>
  );
}
