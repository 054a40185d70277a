import Link from "next/link";
import type { ReactNode } from "react";
import type { IntegrationRef } from "@/lib/views/event-view";

// The filters of a log-like list (events, rewards) as a plain GET form: the URL holds them (bookmarks,
// support links, back button), it works before JavaScript loads, and applying filters starts again
// from the newest page.

export type AccountOption = { id: string; companyName: string };

export const FILTER_INPUT = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/** Staff only: one account, or all. */
export function AccountFilter({ accounts, value }: { accounts: AccountOption[]; value: string | undefined }) {
  return (
    <FilterField id="account" label="Account">
      <select id="account" name="account" defaultValue={value ?? ""} className={FILTER_INPUT}>
        <option value="">All accounts</option>
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.companyName}
          </option>
        ))}
      </select>
    </FilterField>
  );
}

/** The scope's integrations; staff choose an account first (every account's would be an unusable list). */
export function IntegrationFilter({
  integrations,
  value,
  needsAccount,
}: {
  integrations: IntegrationRef[];
  value: string | undefined;
  needsAccount: boolean;
}) {
  return (
    <FilterField id="integration" label="Integration">
      <select
        id="integration"
        name="integration"
        defaultValue={value ?? ""}
        className={FILTER_INPUT}
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
    </FilterField>
  );
}

export function StatusFilter<S extends string>({
  statuses,
  labels,
  value,
}: {
  statuses: readonly S[];
  labels: Record<S, string>;
  value: string | undefined;
}) {
  return (
    <FilterField id="status" label="Status">
      <select id="status" name="status" defaultValue={value ?? ""} className={FILTER_INPUT}>
        <option value="">All statuses</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {labels[status]}
          </option>
        ))}
      </select>
    </FilterField>
  );
}

/** The form around the filters, with the exact-match search, Apply and Clear (back to `basePath`) last. */
export function FilterForm({
  basePath,
  label,
  search,
  children,
}: {
  basePath: string;
  /** The form's accessible name, e.g. "Filter events". */
  label: string;
  search: { value: string | undefined; placeholder: string };
  children: ReactNode;
}) {
  return (
    <form
      action={basePath}
      method="get"
      role="search"
      aria-label={label}
      className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-3 lg:grid-cols-6"
    >
      {children}
      <div className="col-span-full space-y-1">
        <label htmlFor="q" className="block text-xs font-medium text-slate-600">
          Search
        </label>
        <div className="flex gap-2">
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={search.value}
            placeholder={search.placeholder}
            className={`${FILTER_INPUT} max-w-xl`}
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
