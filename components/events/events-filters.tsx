import {
  AccountFilter,
  type AccountOption,
  FILTER_INPUT,
  FilterField,
  FilterForm,
  IntegrationFilter,
  StatusFilter,
} from "@/components/ui/filter-form";
import { type EventListQuery, MAPPED_EVENT_TYPES } from "@/lib/schemas/events";
import { EVENT_OUTCOMES, type IntegrationRef, OUTCOME_LABELS } from "@/lib/views/event-view";

/** The delivery log's filters (see FilterForm): account (staff), integration, type, status, dates, search. */
export function EventsFilters({
  query,
  basePath,
  integrations,
  accounts,
}: {
  query: EventListQuery;
  basePath: string;
  integrations: IntegrationRef[];
  /** Staff only: the account filter. */
  accounts?: AccountOption[];
}) {
  const types: string[] = [...MAPPED_EVENT_TYPES];
  if (query.type && !types.includes(query.type)) types.push(query.type);
  return (
    <FilterForm
      basePath={basePath}
      label="Filter events"
      search={{ value: query.q, placeholder: "Stripe event id, OrderId or customer id (exact)" }}
    >
      {accounts ? <AccountFilter accounts={accounts} value={query.account} /> : null}
      <IntegrationFilter
        integrations={integrations}
        value={query.integration}
        needsAccount={accounts !== undefined && !query.account}
      />
      <FilterField id="type" label="Event type">
        <select id="type" name="type" defaultValue={query.type ?? ""} className={FILTER_INPUT}>
          <option value="">All types</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </FilterField>
      <StatusFilter statuses={EVENT_OUTCOMES} labels={OUTCOME_LABELS} value={query.status} />
      <FilterField id="from" label="From (UTC)">
        <input id="from" name="from" type="date" defaultValue={query.from?.slice(0, 10)} className={FILTER_INPUT} />
      </FilterField>
      <FilterField id="to" label="To (UTC)">
        <input id="to" name="to" type="date" defaultValue={query.to?.slice(0, 10)} className={FILTER_INPUT} />
      </FilterField>
    </FilterForm>
  );
}
