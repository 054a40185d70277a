import { EventsParamsError } from "@/components/events/events-params-error";
import { RewardsFilters } from "@/components/rewards/rewards-filters";
import { RewardsList } from "@/components/rewards/rewards-list";
import { ExportCsvLink } from "@/components/ui/live-list";
import { requireBrand } from "@/lib/auth/session";
import { withoutCursor } from "@/lib/schemas/list-query";
import { parseRewardListQuery, rewardSearchParams } from "@/lib/schemas/rewards";
import { scopeOf } from "@/lib/server/events/event-scope";
import { findEventIntegrations } from "@/lib/server/events/find-event-integrations";
import { findRewards } from "@/lib/server/rewards/find-rewards";

export const metadata = { title: "Rewards · Payments integration portal" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// GET /rewards – the account's Advocate rewards and their Stripe credits, filtered by the URL (SPEC §11)
export default async function RewardsPage({ searchParams }: { searchParams: SearchParams }) {
  const brand = await requireBrand();
  const parsed = parseRewardListQuery(await searchParams);
  const scope = scopeOf(brand);
  const heading = <h1 className="text-2xl font-semibold">Rewards</h1>;
  if (!parsed.ok) {
    return (
      <div className="space-y-6">
        {heading}
        <EventsParamsError errors={parsed.errors} basePath="/rewards" resetText="Show all rewards" />
      </div>
    );
  }
  const [page, integrations] = await Promise.all([findRewards(scope, parsed.query), findEventIntegrations(scope)]);
  const search = rewardSearchParams(withoutCursor(parsed.query)).toString();
  return (
    <div className="space-y-6">
      {heading}
      <RewardsFilters query={parsed.query} basePath="/rewards" integrations={integrations} />
      <div className="flex justify-end">
        <ExportCsvLink href={`/api/rewards/export${search ? `?${search}` : ""}`} />
      </div>
      <RewardsList initialPage={page} query={parsed.query} basePath="/rewards" />
    </div>
  );
}
