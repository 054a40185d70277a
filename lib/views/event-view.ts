// Shapes the delivery log renders: plain JSON-safe data (dates as ISO strings) built by lib/server,
// served by the JSON routes and shown by the UI, so the first server render and every live refresh
// carry exactly the same shape.

export const EVENT_OUTCOMES = ["pending", "retrying", "delivered", "exhausted", "skipped", "ignored"] as const;
export type EventOutcomeName = (typeof EVENT_OUTCOMES)[number];

export type DeliveryStatusName = Exclude<EventOutcomeName, "ignored">;

export type IntegrationRef = { id: string; siteUrl: string; mode: "test" | "live" };
export type AccountRef = { id: string; companyName: string; impactSid: string };

/** The delivery as the list shows it: where it stands and how impact.com last answered. */
export type DeliverySummary = {
  id: string;
  kind: "conversion" | "modification";
  status: DeliveryStatusName;
  attemptCount: number;
  generation: number;
  lastStatusCode: number | null;
  lastError: string | null;
  /** Next retry (or the refund's wait) while not final. */
  dueAt: string | null;
};

export type EventListItem = {
  id: string;
  receivedAt: string;
  stripeEventId: string;
  type: string;
  livemode: boolean;
  account: AccountRef;
  integration: IntegrationRef;
  outcome: EventOutcomeName;
  /** Why it was skipped or ignored. */
  reason: string | null;
  orderId: string | null;
  customerId: string | null;
  delivery: DeliverySummary | null;
};

export type EventPage = { items: EventListItem[]; nextCursor: string | null };

export type AttemptView = {
  id: string;
  number: number;
  generation: number;
  startedAt: string;
  durationMs: number;
  runner: string;
  requestMethod: string;
  requestUrl: string;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  nextAttemptAt: string | null;
};

/** The request impact.com last received (secrets redacted before it was stored), form fields decoded. */
export type MappedRequest = { method: string; url: string; params: Array<[name: string, value: string]> };

export type DeliveryDetail = DeliverySummary & {
  orderId: string | null;
  eventTypeId: string | null;
  skipReason: string | null;
  queuedUri: string | null;
  deliveredAt: string | null;
  clickIdSource: string | null;
  request: MappedRequest | null;
  /** Newest first, across replays (each carries its generation). */
  attempts: AttemptView[];
};

export type EventDetail = Omit<EventListItem, "delivery"> & {
  apiVersion: string | null;
  stripeCreatedAt: string;
  source: "webhook" | "recovery";
  /** The Stripe event as stored (PostgreSQL jsonb: same content, keys reordered), pretty-printed. */
  payloadJson: string;
  deliveries: DeliveryDetail[];
};

/** One batch of "Retry all failed": `total` comes with the first batch only. */
export type RetryBatchResult = { processed: number; replayed: number; total?: number; nextCursor: string | null };

export type ReplayResult = { isReplayed: boolean; status: DeliveryStatusName };
