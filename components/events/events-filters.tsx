import Link from "next/link";
import type { ReactNode } from "react";
import { type EventListQuery, MAPPED_EVENT_TYPES } from "@/lib/schemas/events";
import { EVENT_OUTCOMES, type IntegrationRef, OUTCOME_LABELS } from "@/lib/views/event-view";

type AccountOption = { id: string; companyName: string };

const FIELD = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * The log's filters as a plain GET form: the URL holds them (bookmarks, support links, back button),
 * it works before JavaScript loads, and applying filters starts again from the newest page.
 */
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
  const needsAccount = accounts !== undefined && !query.account;
  return (
    <form
      action={basePath}
      method="get"
      role="search"
      aria-label="Filter events"
      className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-3 lg:grid-cols-6"
    >
      {accounts ? (
        <Field id="account" label="Account">
          <select id="account" name="account" defaultValue={query.account ?? ""} className={FIELD}>
            <option value="">All accounts</option>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.companyName}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field id="integration" label="Integration">
        <select
          id="integration"
          name="integration"
          defaultValue={query.integration ?? ""}
          className={FIELD}
          disabled={needsAccount}
        >
          <option value="">{needsAccount ? "Choose an account first" : "All integrations"}</option>
          {integrations.map((integration) => (
            <option key={integration.id} value={integration.id}>
              {integration.siteUrl}
              {integration.mode === "test" ? " (test mode)" : ""}
            </option>
          ))}
        </select>
      </Field>
      <Field id="type" label="Event type">
        <select id="type" name="type" defaultValue={query.type ?? ""} className={FIELD}>
          <option value="">All types</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </Field>
      <Field id="status" label="Status">
        <select id="status" name="status" defaultValue={query.status ?? ""} className={FIELD}>
          <option value="">All statuses</option>
          {EVENT_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {OUTCOME_LABELS[outcome]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="from" label="From (UTC)">
        <input id="from" name="from" type="date" defaultValue={query.from?.slice(0, 10)} className={FIELD} />
      </Field>
      <Field id="to" label="To (UTC)">
        <input id="to" name="to" type="date" defaultValue={query.to?.slice(0, 10)} className={FIELD} />
      </Field>
      <div className="col-span-full space-y-1">
        <label htmlFor="q" className="block text-xs font-medium text-slate-600">
          Search
        </label>
        <div className="flex gap-2">
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder="Stripe event id, OrderId or customer id (exact)"
            className={`${FIELD} max-w-xl`}
          />
          <button
            type="submit"
            className="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark"
          >
            Apply
          </button>
          <Link
            href={basePath}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
          >
            Clear
          </Link>
        </div>
      </div>
    </form>
  );
}
