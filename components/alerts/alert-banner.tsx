import Link from "next/link";
import { type DismissAction, DismissAlertButton } from "@/components/alerts/dismiss-alert-button";
import { formatUtc } from "@/components/events/format";
import type { ActionState } from "@/lib/views/action-result";
import { type AlertView, alertEventsPath } from "@/lib/views/alert-view";

type Props = {
  alerts: AlertView[];
  /** The dismiss server action, bound here to each alert's id. */
  dismiss: (alertId: string, previous: ActionState) => Promise<ActionState>;
  /** Name the integration in each alert (the dashboard lists several). */
  showsIntegration?: boolean;
  eventsBase?: "/events" | "/support/events";
};

/**
 * The open alerts of an account or an integration (SPEC §12): what happened, how often, first and last
 * time, the latest cause, a link to the matching events, and Dismiss. Nothing when all is well.
 */
export function AlertBanner({ alerts, dismiss, showsIntegration = false, eventsBase = "/events" }: Props) {
  if (alerts.length === 0) return null;
  return (
    <section aria-label="Alerts" data-testid="alert-banner" className="rounded-lg border border-red-200 bg-red-50 p-4">
      <ul className="divide-y divide-red-100">
        {alerts.map((alert) => (
          <li key={alert.id} data-testid="alert" className="flex items-start gap-4 py-3 first:pt-0 last:pb-0">
            <div className="min-w-0 flex-1 space-y-1 text-sm text-red-900">
              <p className="font-semibold">
                {alert.title}
                {showsIntegration ? <span className="font-normal"> · {alert.siteUrl}</span> : null}
              </p>
              <p data-testid="alert-times">
                {alert.count === 1 ? "Once" : `${alert.count} times`} · first {formatUtc(alert.firstSeenAt)} · last{" "}
                {formatUtc(alert.lastSeenAt)}
              </p>
              {alert.detail ? <p className="break-words text-red-800">{alert.detail}</p> : null}
              <p className="text-red-800">{alert.advice}</p>
              <Link
                href={alertEventsPath(alert, eventsBase)}
                className="inline-block font-medium text-brand hover:underline"
              >
                View the matching events →
              </Link>
            </div>
            <DismissAlertButton action={dismiss.bind(null, alert.id) as DismissAction} title={alert.title} />
          </li>
        ))}
      </ul>
    </section>
  );
}
