import {
  AccountFilter,
  type AccountOption,
  FilterForm,
  IntegrationFilter,
  StatusFilter,
} from "@/components/ui/filter-form";
import type { RewardListQuery } from "@/lib/schemas/rewards";
import type { IntegrationRef } from "@/lib/views/event-view";
import { REWARD_STATUS_LABELS, REWARD_STATUSES } from "@/lib/views/reward-view";

/** The Rewards view's filters (see FilterForm): account (staff), integration, status, search. */
export function RewardsFilters({
  query,
  basePath,
  integrations,
  accounts,
}: {
  query: RewardListQuery;
  basePath: string;
  integrations: IntegrationRef[];
  /** Staff only: the account filter. */
  accounts?: AccountOption[];
}) {
  return (
    <FilterForm
      basePath={basePath}
      label="Filter rewards"
      search={{ value: query.q, placeholder: "Reward id, Stripe customer id or participant (exact)" }}
    >
      {accounts ? <AccountFilter accounts={accounts} value={query.account} /> : null}
      <IntegrationFilter
        integrations={integrations}
        value={query.integration}
        needsAccount={accounts !== undefined && !query.account}
      />
      <StatusFilter statuses={REWARD_STATUSES} labels={REWARD_STATUS_LABELS} value={query.status} />
    </FilterForm>
  );
}
