import { formatUtc } from "@/components/events/format";
import { Alert } from "@/components/ui/alert";
import { ENDPOINT_STATUS_LABELS, type EndpointCheck } from "@/lib/views/integration-view";

const list = (events: readonly string[]) => events.join(", ");

/** The events Stripe sends to the endpoint, as the last check read them; awaits it so the page streams first. */
export async function EndpointEvents({ check }: { check: Promise<EndpointCheck> }) {
  const { enabledEvents, status } = await check;
  if (!enabledEvents) {
    return (
      <span className="text-slate-500">Not known right now (Stripe endpoint: {ENDPOINT_STATUS_LABELS[status]})</span>
    );
  }
  return <span data-testid="endpoint-events">{list(enabledEvents)}</span>;
}

/**
 * What the portal did to bring an endpoint registered earlier with fewer events up to its list (SPEC §3),
 * or why it could not. The update's note lives in the endpoint's metadata in Stripe, so it reads the same
 * after a reload and from every server process; it is shown only while those events are still enabled.
 */
export async function EndpointEventsNotes({ check }: { check: Promise<EndpointCheck> }) {
  const { status, missingEvents, eventsUpdate, eventsUpdateError } = await check;
  const isUpdateCurrent = eventsUpdate?.addedEvents.every((event) => !missingEvents.includes(event)) === true;
  const isStillMissing = missingEvents.length > 0 && (eventsUpdateError !== null || status === "disabled");
  if (!isUpdateCurrent && !isStillMissing) return null;
  return (
    <div className="mt-3 space-y-3">
      {eventsUpdate && isUpdateCurrent ? (
        <Alert tone="info">
          The Stripe webhook endpoint now also sends {list(eventsUpdate.addedEvents)} (updated{" "}
          {formatUtc(eventsUpdate.updatedAt.toISOString())}).
        </Alert>
      ) : null}
      {missingEvents.length > 0 && eventsUpdateError ? (
        <Alert>
          The Stripe webhook endpoint does not send {list(missingEvents)} yet, and the portal could not add{" "}
          {missingEvents.length === 1 ? "it" : "them"}: {eventsUpdateError} The portal tries again the next time it
          checks the endpoint.
        </Alert>
      ) : null}
      {missingEvents.length > 0 && status === "disabled" ? (
        <Alert tone="info">
          The Stripe webhook endpoint does not send {list(missingEvents)} yet; the portal adds{" "}
          {missingEvents.length === 1 ? "it" : "them"} when the integration is enabled again.
        </Alert>
      ) : null}
    </div>
  );
}
