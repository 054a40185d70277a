// TanStack Query keys and options for the delivery log: the server renders the first answer, the
// browser keeps it fresh through the JSON routes (same scope as the page: the session decides).
import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/queries/fetch-json";
import { type EventListQuery, toSearchParams } from "@/lib/schemas/events";
import type { EventDetail, EventPage } from "@/lib/views/event-view";

/** New events and delivery outcomes show up within this long without a reload. */
export const EVENTS_REFRESH_MS = 5_000;
/** While a delivery is on its way (e.g. right after a replay) the detail page looks more often. */
export const ACTIVE_DETAIL_REFRESH_MS = 2_000;
export const IDLE_DETAIL_REFRESH_MS = 15_000;

export const eventKeys = {
  all: ["events"] as const,
  lists: () => [...eventKeys.all, "list"] as const,
  list: (query: EventListQuery) => [...eventKeys.lists(), toSearchParams(query).toString()] as const,
  details: () => [...eventKeys.all, "detail"] as const,
  detail: (id: string) => [...eventKeys.details(), id] as const,
};

export function eventListQueryOptions(query: EventListQuery) {
  return queryOptions({
    queryKey: eventKeys.list(query),
    queryFn: ({ signal }) => fetchJson<EventPage>(`/api/events?${toSearchParams(query)}`, signal),
    refetchInterval: EVENTS_REFRESH_MS,
  });
}

// A sent delivery waits for impact.com for seconds to hours (reads back off to 15 min apart): the idle rate suffices.
const isInFlight = (detail: EventDetail | undefined) =>
  detail?.deliveries.some((delivery) => delivery.status === "pending" || delivery.status === "retrying") ?? false;

export function eventDetailQueryOptions(id: string) {
  return queryOptions({
    queryKey: eventKeys.detail(id),
    queryFn: ({ signal }) => fetchJson<EventDetail>(`/api/events/${encodeURIComponent(id)}`, signal),
    refetchInterval: (query) => (isInFlight(query.state.data) ? ACTIVE_DETAIL_REFRESH_MS : IDLE_DETAIL_REFRESH_MS),
  });
}
