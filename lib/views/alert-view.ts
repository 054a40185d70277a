// Shapes of the alerts (SPEC §12) that the banners, the support console and the messages show: plain data
// built by lib/server, the same words everywhere. Never a secret: a detail is what the delivery log shows.
import type { EventOutcomeName } from "@/lib/views/event-view";

/** Prisma's AlertKind, in the order a person reads them (a test keeps the two equal). */
export const ALERT_KINDS = [
  "delivery_exhausted",
  "delivery_rejected",
  "delivery_unknown",
  "stripe_endpoint_disabled",
  "stripe_endpoint_missing",
  "stripe_key_refused",
  "impact_token_refused",
] as const;

export type AlertKindName = (typeof ALERT_KINDS)[number];

/** What happened, as a banner's heading and a message's subject. */
export const ALERT_TITLES: Record<AlertKindName, string> = {
  delivery_exhausted: "Deliveries gave up after every retry",
  delivery_rejected: "impact.com rejected deliveries",
  delivery_unknown: "Deliveries with an unknown outcome",
  stripe_endpoint_disabled: "The Stripe webhook endpoint is disabled",
  stripe_endpoint_missing: "The Stripe webhook endpoint is missing",
  stripe_key_refused: "Stripe refuses the API key",
  impact_token_refused: "impact.com refuses the Auth Token",
};

/** What a person can do about it. */
export const ALERT_ADVICE: Record<AlertKindName, string> = {
  delivery_exhausted: "Fix the cause shown on the events, then use Replay or Retry all failed.",
  delivery_rejected: "Check impact.com's reason on the events, fix it (e.g. the Event Type ID), then Send again.",
  delivery_unknown: "Check each order in impact.com, then use Mark as delivered or Send again.",
  stripe_endpoint_disabled:
    "Stripe is not sending events. Enable the endpoint in the Stripe Dashboard (Developers → Webhooks) or here.",
  stripe_endpoint_missing: "Stripe has no endpoint for this integration. Save the integration again to register one.",
  stripe_key_refused: "Edit the integration and enter a working API Key (Stripe Dashboard → Developers → API keys).",
  impact_token_refused: "Edit the integration and enter a working Auth Token from impact.com, then Send again.",
};

/** The delivery-log status whose events show the cause; the endpoint kinds have no events of their own. */
const EVENTS_STATUS: Partial<Record<AlertKindName, EventOutcomeName>> = {
  delivery_exhausted: "exhausted",
  delivery_rejected: "rejected",
  delivery_unknown: "unknown",
  // A refused token rejects the delivery (4xx); a refused Stripe key makes it retry.
  impact_token_refused: "rejected",
  stripe_key_refused: "retrying",
};

/** The delivery log filtered to the alert's events (`/events` for brands, `/support/events` for staff). */
export function alertEventsPath(
  alert: { integrationId: string; kind: AlertKindName; accountId?: string },
  base: "/events" | "/support/events" = "/events",
): string {
  const params = new URLSearchParams();
  if (base === "/support/events" && alert.accountId) params.set("account", alert.accountId);
  params.set("integration", alert.integrationId);
  const status = EVENTS_STATUS[alert.kind];
  if (status) params.set("status", status);
  return `${base}?${params.toString()}`;
}

/** One open alert, as a banner shows it (dates as ISO strings). */
export type AlertView = {
  id: string;
  accountId: string;
  integrationId: string;
  siteUrl: string;
  kind: AlertKindName;
  title: string;
  advice: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  detail: string | null;
};

/** What "Send test message" reports, per channel: sent, off (not configured), or why it failed. */
export type ChannelResult =
  | { status: "sent" }
  | { status: "off"; reason: string }
  | { status: "failed"; reason: string };

export type TestMessageResult = { email: ChannelResult; webhook: ChannelResult };

/** The Notifications page's saved settings. The webhook URL itself never leaves the server (its path is a credential). */
export type NotificationSettingsView = {
  email: string;
  /** The saved webhook as its host only, "hooks.slack.com/…"; null when none is saved. */
  webhookHost: string | null;
  /** A webhook is saved but no configured key opens it: it has to be entered again. */
  isWebhookUnreadable: boolean;
  isEmailAvailable: boolean;
};

/** How a saved webhook URL is shown again: its host, never the path or query that carry its secret. */
export function webhookHostLabel(url: string): string {
  return URL.canParse(url) ? `${new URL(url).host}/…` : "…";
}
