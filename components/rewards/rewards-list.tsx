"use client";

import { useQuery } from "@tanstack/react-query";
import { RewardsTable } from "@/components/rewards/rewards-table";
import { Alert } from "@/components/ui/alert";
import { ListPager, LiveRefreshNote } from "@/components/ui/live-list";
import { REWARDS_REFRESH_MS, rewardListQueryOptions } from "@/lib/queries/rewards";
import { withoutCursor } from "@/lib/schemas/list-query";
import { type RewardListQuery, rewardSearchParams } from "@/lib/schemas/rewards";
import type { RewardPage } from "@/lib/views/reward-view";

const hrefOf = (basePath: string, query: Partial<RewardListQuery>) => {
  const search = rewardSearchParams(query).toString();
  return search ? `${basePath}?${search}` : basePath;
};

/**
 * The Rewards view, live like the events log: the server rendered this page; the browser refetches the
 * same page (same filters, same cursor) every few seconds, so credits settle in place and new rewards
 * appear on top of the first page.
 */
export function RewardsList({
  initialPage,
  query,
  basePath,
  showAccount = false,
}: {
  initialPage: RewardPage;
  query: RewardListQuery;
  /** `/rewards` for brands, `/support/rewards` for staff: where rows and page links point. */
  basePath: string;
  showAccount?: boolean;
}) {
  const { data, error, isFetching } = useQuery({ ...rewardListQueryOptions(query), initialData: initialPage });
  const filters = withoutCursor(query);
  const hasFilters = Object.values(filters).some(Boolean);
  return (
    <div className="space-y-3">
      <LiveRefreshNote intervalMs={REWARDS_REFRESH_MS} isFetching={isFetching} />
      {error ? <Alert>{error.message}</Alert> : null}
      <RewardsTable
        items={data.items}
        basePath={basePath}
        showAccount={showAccount}
        emptyText={
          hasFilters
            ? "No rewards match these filters."
            : "No rewards yet. Rewards appear here when Advocate sends them to an integration connected to it."
        }
      />
      <ListPager
        newest={query.cursor ? { href: hrefOf(basePath, filters), text: "Newest rewards" } : null}
        older={
          data.nextCursor
            ? { href: hrefOf(basePath, { ...filters, cursor: data.nextCursor }), text: "Older rewards" }
            : null
        }
      />
    </div>
  );
}
