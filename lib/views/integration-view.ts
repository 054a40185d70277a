// Shapes the integration pages render: plain data shared by lib/server (which
// builds them) and the UI (which shows them). Never any secret beyond a last-4.
import type { IntegrationField } from "@/lib/schemas/integration";

export type IntegrationMode = "test" | "live";

/** The portal's webhook endpoint as Stripe sees it (checked live, cached about a minute). */
export type EndpointStatus = "enabled" | "disabled" | "missing" | "key_rejected" | "unreachable";

export const ENDPOINT_STATUS_LABELS: Record<EndpointStatus, string> = {
  enabled: "Enabled",
  disabled: "Disabled",
  missing: "Missing",
  key_rejected: "Key rejected",
  unreachable: "Stripe unreachable",
};

/**
 * Events the portal added in place to an endpoint registered earlier with fewer (SPEC §3), and when. Read
 * back from the endpoint's own metadata, written in the same update, so every server process and every
 * reload tells the same story.
 */
export type EndpointEventsUpdate = { addedEvents: string[]; updatedAt: Date };

/** One look at the endpoint in Stripe (cached about a minute), and what that look changed. */
export type EndpointCheck = {
  status: EndpointStatus;
  /** The events Stripe sends to the endpoint as it answered; null when it could not be read. */
  enabledEvents: string[] | null;
  /** Events of the portal's list the endpoint still lacks (none once it is up to date). */
  missingEvents: string[];
  /** The portal's last in-place update of the events, if it ever made one. */
  eventsUpdate: EndpointEventsUpdate | null;
  /** Why the missing events could not be added (a restricted key without write access, Stripe down). */
  eventsUpdateError: string | null;
};

/** A check that learned nothing beyond its status (no endpoint id, Stripe unreachable, the endpoint gone). */
export function endpointCheckOf(status: EndpointStatus): EndpointCheck {
  return { status, enabledEvents: null, missingEvents: [], eventsUpdate: null, eventsUpdateError: null };
}

export type IntegrationDetails = {
  id: string;
  siteUrl: string;
  programId: string;
  eventTypeId: string;
  recurringEventTypeId: string;
  mode: IntegrationMode;
  isEnabled: boolean;
  /** SPEC §7: a checkout session's client_reference_id is read as a click id (Payment Links). */
  clickIdFromClientReference: boolean;
  webhookUrl: string;
  stripeWebhookEndpointId: string | null;
  apiKeyLast4: string;
  authTokenLast4: string;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * Deliveries of one UTC day, for the 7-day chart: `delivered` is confirmed by impact.com only, `failed` is
 * rejected + exhausted + unknown, `awaiting` is sent but not yet processed by impact.com.
 */
export type DeliveryDay = { day: string; delivered: number; failed: number; awaiting: number };

/** The dashboard's buckets; every delivery status lands in exactly one (find-delivery-stats). */
export type DeliveryCounts = { delivered: number; awaiting: number; pending: number; failed: number; skipped: number };

export type DeliveryStats = { lastEventAt: Date | null; last24h: DeliveryCounts; days: DeliveryDay[] };

export type IntegrationSummary = {
  id: string;
  siteUrl: string;
  mode: IntegrationMode;
  isEnabled: boolean;
  stats: DeliveryStats;
  /** Resolved later so the page streams while Stripe answers; never rejects. */
  endpointStatus: Promise<EndpointStatus>;
  /** The Advocate connection (SPEC §11), if any: the card says so and when the last reward came. */
  advocate: { lastRewardAt: Date | null } | null;
};

/**
 * Fields a failed submit hands back to the form, as FormData strings (the checkbox "on" or ""); the two
 * secrets are never among them.
 */
export type EchoedField = Exclude<IntegrationField, "authToken" | "apiKey">;
