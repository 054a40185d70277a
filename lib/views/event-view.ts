// Shapes the delivery log renders: plain JSON-safe data (dates as ISO strings) built by lib/server,
// served by the JSON routes and shown by the UI, so the first server render and every live refresh
// carry exactly the same shape.

/**
 * Where a delivery stands (Prisma's DeliveryStatus, in the order a person reads them; a test keeps the two
 * equal): pending → sent (impact.com queued it) → delivered | rejected (impact.com processed it, SPEC §6a);
 * retrying / exhausted for sends that failed; unknown when a send may have reached impact.com without an
 * answer recorded; skipped when there is nothing to send.
 */
export const DELIVERY_STATUSES = [
  "pending",
  "sent",
  "delivered",
  "rejected",
  "retrying",
  "exhausted",
  "unknown",
  "skipped",
] as const;
export type DeliveryStatusName = (typeof DELIVERY_STATUSES)[number];

/** An event's outcome mirrors its delivery's status; `ignored` events plan none. */
export const EVENT_OUTCOMES = [...DELIVERY_STATUSES, "ignored"] as const;
export type EventOutcomeName = (typeof EVENT_OUTCOMES)[number];

/** The one wording of every status, in every view, filter and export (colours: components/events/outcome-styles). */
export const OUTCOME_LABELS: Record<EventOutcomeName, string> = {
  pending: "Pending",
  sent: "Sent — awaiting impact.com",
  delivered: "Delivered",
  rejected: "Rejected by impact.com",
  retrying: "Failed (retrying)",
  exhausted: "Exhausted",
  unknown: "Outcome unknown — check in impact.com",
  skipped: "Skipped",
  ignored: "Ignored",
};

/** Final failures a person has to look at: the dashboard counts them as failed and the log highlights them. */
export const FAILED_STATUSES = ["rejected", "exhausted", "unknown"] as const satisfies readonly DeliveryStatusName[];

export const isFailedOutcome = (outcome: EventOutcomeName): boolean =>
  (FAILED_STATUSES as readonly EventOutcomeName[]).includes(outcome);

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
  /** Next retry (or the refund's wait, or the next read of a sent submission's outcome) while not final. */
  dueAt: string | null;
  /** impact.com's own words when it processed the submission with an error (status rejected), verbatim. */
  impactErrorType: string | null;
  impactErrorReason: string | null;
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
  /** When impact.com queued the submission (its outcome is read from then on). */
  sentAt: string | null;
  /** How many times the portal has read the submission's outcome so far. */
  outcomeReads: number;
  deliveredAt: string | null;
  clickIdSource: string | null;
  /** The subscription an invoice conversion belongs to. */
  subscriptionId: string | null;
  /** The rule that chose the conversion's event type (SPEC §7), e.g. "first paid invoice of sub_…, after a trial". */
  eventTypeRule: string | null;
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

/** "Mark as delivered" of a delivery whose outcome was unknown: a person found it in impact.com. */
export type MarkDeliveredResult = { status: "delivered"; deliveredAt: string };
