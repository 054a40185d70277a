import { EventsFilters } from "@/components/events/events-filters";
import { EventsList } from "@/components/events/events-list";
import { EventsParamsError } from "@/components/events/events-params-error";
import { EventsToolbar } from "@/components/events/events-toolbar";
import { retryFailedDeliveriesAction } from "@/lib/actions/events/retry-failed-deliveries";
import { requireBrand } from "@/lib/auth/session";
import { parseEventListQuery } from "@/lib/schemas/events";
import { withoutCursor } from "@/lib/schemas/list-query";
import { scopeOf } from "@/lib/server/events/event-scope";
import { findEventIntegrations } from "@/lib/server/events/find-event-integrations";
import { findEvents } from "@/lib/server/events/find-events";

export const metadata = { title: "Events · Payments integration portal" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// GET /events – the account's Stripe events and their deliveries, filtered by the URL (SPEC §8)
export default async function EventsPage({ searchParams }: { searchParams: SearchParams }) {
  const brand = await requireBrand();
  const parsed = parseEventListQuery(await searchParams);
  const scope = scopeOf(brand);
  const heading = <h1 className="text-2xl font-semibold">Events</h1>;
  if (!parsed.ok) {
    return (
      <div className="space-y-6">
        {heading}
        <EventsParamsError errors={parsed.errors} basePath="/events" />
      </div>
    );
  }
  const [page, integrations] = await Promise.all([findEvents(scope, parsed.query), findEventIntegrations(scope)]);
  return (
    <div className="space-y-6">
      {heading}
      <EventsFilters query={parsed.query} basePath="/events" integrations={integrations} />
      <EventsToolbar filters={withoutCursor(parsed.query)} retryAction={retryFailedDeliveriesAction} />
      <EventsList initialPage={page} query={parsed.query} basePath="/events" />
    </div>
  );
}
