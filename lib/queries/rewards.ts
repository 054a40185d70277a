// TanStack Query keys and options for the Rewards view: the server renders the first answer, the browser
// keeps it fresh through the JSON routes (same scope as the page: the session decides).
import { queryOptions } from "@tanstack/react-query";
import { ACTIVE_DETAIL_REFRESH_MS, EVENTS_REFRESH_MS, IDLE_DETAIL_REFRESH_MS } from "@/lib/queries/events";
import { fetchJson } from "@/lib/queries/fetch-json";
import { type RewardListQuery, rewardSearchParams } from "@/lib/schemas/rewards";
import type { RewardDetail, RewardPage } from "@/lib/views/reward-view";

/** Rewards arrive and settle as fast as events: the same interval. */
export const REWARDS_REFRESH_MS = EVENTS_REFRESH_MS;

export const rewardKeys = {
  all: ["rewards"] as const,
  lists: () => [...rewardKeys.all, "list"] as const,
  list: (query: RewardListQuery) => [...rewardKeys.lists(), rewardSearchParams(query).toString()] as const,
  details: () => [...rewardKeys.all, "detail"] as const,
  detail: (id: string) => [...rewardKeys.details(), id] as const,
};

export function rewardListQueryOptions(query: RewardListQuery) {
  return queryOptions({
    queryKey: rewardKeys.list(query),
    queryFn: ({ signal }) => fetchJson<RewardPage>(`/api/rewards?${rewardSearchParams(query)}`, signal),
    refetchInterval: REWARDS_REFRESH_MS,
  });
}

// While the runner still has work (pending, retrying, or the redeem step) the detail page looks more often.
const isInFlight = (detail: RewardDetail | undefined) =>
  detail !== undefined && (detail.dueAt !== null || detail.status === "pending" || detail.status === "retrying");

export function rewardDetailQueryOptions(id: string) {
  return queryOptions({
    queryKey: rewardKeys.detail(id),
    queryFn: ({ signal }) => fetchJson<RewardDetail>(`/api/rewards/${encodeURIComponent(id)}`, signal),
    refetchInterval: (query) => (isInFlight(query.state.data) ? ACTIVE_DETAIL_REFRESH_MS : IDLE_DETAIL_REFRESH_MS),
  });
}
