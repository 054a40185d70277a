import { EventsParamsError } from "@/components/events/events-params-error";
import { RewardsFilters } from "@/components/rewards/rewards-filters";
import { RewardsList } from "@/components/rewards/rewards-list";
import { ExportCsvLink } from "@/components/ui/live-list";
import { requireStaff } from "@/lib/auth/session";
import { withoutCursor } from "@/lib/schemas/list-query";
import { parseRewardListQuery, rewardSearchParams } from "@/lib/schemas/rewards";
import { findAccounts } from "@/lib/server/accounts/find-accounts";
import { recordStaffRead } from "@/lib/server/audit/record-staff-read";
import { scopeOf } from "@/lib/server/events/event-scope";
import { findEventIntegrations } from "@/lib/server/events/find-event-integrations";
import { findRewards } from "@/lib/server/rewards/find-rewards";

export const metadata = { title: "Rewards · Support console" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// GET /support/rewards – every account's rewards (or one account's), same list and filters as /rewards
export default async function SupportRewardsPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaff();
  const parsed = parseRewardListQuery(await searchParams);
  const heading = <h1 className="text-2xl font-semibold">Rewards · all accounts</h1>;
  if (!parsed.ok) {
    return (
      <div className="space-y-6">
        {heading}
        <EventsParamsError errors={parsed.errors} basePath="/support/rewards" resetText="Show all rewards" />
      </div>
    );
  }
  const scope = scopeOf(staff);
  const filters = withoutCursor(parsed.query);
  const [page, integrations, accounts] = await Promise.all([
    findRewards(scope, parsed.query),
    findEventIntegrations(scope, parsed.query.account),
    findAccounts({ limit: 500 }),
    // Audited like its live refresh (GET /api/rewards): the same action, one row per account filter and 10 minutes.
    recordStaffRead({
      staffUserId: staff.staffUserId,
      action: "rewards.list",
      accountId: parsed.query.account ?? null,
      targetType: "rewards",
      details: filters,
    }),
  ]);
  const chosen = parsed.query.account;
  // A linked account beyond the first 500 still shows as chosen.
  if (chosen && !accounts.some((account) => account.id === chosen))
    accounts.push({ id: chosen, companyName: chosen, impactSid: "", lastSignInAt: null, integrationCount: 0 });
  const search = rewardSearchParams(filters).toString();
  return (
    <div className="space-y-6">
      {heading}
      <RewardsFilters
        query={parsed.query}
        basePath="/support/rewards"
        integrations={integrations}
        accounts={accounts}
      />
      <div className="flex justify-end">
        <ExportCsvLink href={`/api/rewards/export${search ? `?${search}` : ""}`} />
      </div>
      <RewardsList initialPage={page} query={parsed.query} basePath="/support/rewards" showAccount />
    </div>
  );
}
