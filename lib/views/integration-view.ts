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

export type IntegrationDetails = {
  id: string;
  siteUrl: string;
  programId: string;
  eventTypeId: string;
  recurringEventTypeId: string;
  mode: IntegrationMode;
  isEnabled: boolean;
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
};

/** Fields a failed submit hands back to the form; the two secrets are never among them. */
export type EchoedField = Exclude<IntegrationField, "authToken" | "apiKey">;
