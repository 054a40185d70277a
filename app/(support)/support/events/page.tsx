import { EventsFilters } from "@/components/events/events-filters";
import { EventsList } from "@/components/events/events-list";
import { EventsParamsError } from "@/components/events/events-params-error";
import { EventsToolbar } from "@/components/events/events-toolbar";
import { retryFailedDeliveriesAction } from "@/lib/actions/events/retry-failed-deliveries";
import { requireStaff } from "@/lib/auth/session";
import { parseEventListQuery } from "@/lib/schemas/events";
import { withoutCursor } from "@/lib/schemas/list-query";
import { findAccounts } from "@/lib/server/accounts/find-accounts";
import { recordStaffRead } from "@/lib/server/audit/record-staff-read";
import { scopeOf } from "@/lib/server/events/event-scope";
import { findEventIntegrations } from "@/lib/server/events/find-event-integrations";
import { findEvents } from "@/lib/server/events/find-events";

export const metadata = { title: "Events · Support console" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// GET /support/events – every account's events (or one account's), same list and filters as /events
export default async function SupportEventsPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaff();
  const parsed = parseEventListQuery(await searchParams);
  const heading = <h1 className="text-2xl font-semibold">Events · all accounts</h1>;
  if (!parsed.ok) {
    return (
      <div className="space-y-6">
        {heading}
        <EventsParamsError errors={parsed.errors} basePath="/support/events" />
      </div>
    );
  }
  const scope = scopeOf(staff);
  const [page, integrations, accounts] = await Promise.all([
    findEvents(scope, parsed.query),
    findEventIntegrations(scope, parsed.query.account),
    findAccounts({ limit: 500 }),
    // Audited like its live refresh (GET /api/events): the same action, one row per account filter and 10 minutes.
    recordStaffRead({
      staffUserId: staff.staffUserId,
      action: "events.list",
      accountId: parsed.query.account ?? null,
      targetType: "events",
      details: withoutCursor(parsed.query),
    }),
  ]);
  const chosen = parsed.query.account;
  // A linked account beyond the first 500 still shows as chosen.
  if (chosen && !accounts.some((account) => account.id === chosen))
    accounts.push({ id: chosen, companyName: chosen, impactSid: "", lastSignInAt: null, integrationCount: 0 });
  return (
    <div className="space-y-6">
      {heading}
      <EventsFilters query={parsed.query} basePath="/support/events" integrations={integrations} accounts={accounts} />
      <EventsToolbar filters={withoutCursor(parsed.query)} retryAction={retryFailedDeliveriesAction} />
      <EventsList initialPage={page} query={parsed.query} basePath="/support/events" showAccount />
    </div>
  );
}
