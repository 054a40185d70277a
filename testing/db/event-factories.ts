// Stored events and deliveries in any state, for tests of the delivery log (list, detail, replay,
// export) that need exact times and outcomes rather than a trip through intake and the runner.

import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { UNKNOWN_OUTCOME_ERROR } from "@/lib/events/replay-rules";
import type { DeliveryStatusName, EventOutcomeName } from "@/lib/views/event-view";
import { DEFAULT_INTEGRATION } from "@/testing/db/default-integration";

const unique = () => randomBytes(6).toString("hex");

export type TestEventOptions = {
  receivedAt?: Date;
  type?: string;
  outcome?: EventOutcomeName;
  stripeEventId?: string;
  customerId?: string | null;
  orderId?: string | null;
  reason?: string;
  attemptCount?: number;
  generation?: number;
  lastStatusCode?: number | null;
  lastError?: string | null;
  leaseUntil?: Date | null;
  dueAt?: Date | null;
  queuedUri?: string | null;
  sentAt?: Date | null;
  outcomeReads?: number;
  impactErrorType?: string | null;
  impactErrorReason?: string | null;
};

/** impact.com's words for a rejected submission unless a test gives its own. */
export const TEST_IMPACT_ERROR = { type: "Validation", reason: "ACTIONTRACKER_NOT_FOUND" } as const;

/** What each status looks like when the runner leaves it there; every field can be overridden. */
function defaultsOf(status: DeliveryStatusName, orderId: string | null, options: TestEventOptions) {
  const isWaiting = status === "pending" || status === "retrying" || status === "sent";
  const hasReachedImpact = status === "sent" || status === "delivered" || status === "rejected";
  const pick = <T>(given: T | undefined, fallback: T) => (given === undefined ? fallback : given);
  const impactErrorType = pick(options.impactErrorType, status === "rejected" ? TEST_IMPACT_ERROR.type : null);
  const impactErrorReason = pick(options.impactErrorReason, status === "rejected" ? TEST_IMPACT_ERROR.reason : null);
  // Rejected without impact's words: impact.com refused the request outright (a 400) instead of processing it.
  const isRefusedOutright = status === "rejected" && impactErrorType === null && impactErrorReason === null;
  const lastErrors: Partial<Record<DeliveryStatusName, string>> = {
    exhausted: "impact.com rejected the request (400)",
    rejected: isRefusedOutright
      ? "impact.com rejected the request (400)"
      : `impact.com rejected the submission: ${impactErrorType} — ${impactErrorReason}`,
    unknown: `${UNKNOWN_OUTCOME_ERROR} (attempt started ${new Date().toISOString()}). impact.com may already have order ${orderId ?? "?"}: check it there, and use "Send again" only if it is missing.`,
  };
  const lastStatusCodes: Partial<Record<DeliveryStatusName, number>> = {
    sent: 200,
    delivered: 200,
    rejected: isRefusedOutright ? 400 : 200,
    exhausted: 400,
  };
  return {
    dueAt: isWaiting ? new Date() : null,
    attemptCount: status === "pending" || status === "skipped" ? 0 : 1,
    lastStatusCode: lastStatusCodes[status] ?? null,
    lastError: lastErrors[status] ?? null,
    queuedUri: hasReachedImpact && !isRefusedOutright ? `/Advertisers/IRTEST/APISubmissions/${unique()}` : null,
    sentAt: hasReachedImpact && !isRefusedOutright ? new Date() : null,
    impactErrorType,
    impactErrorReason,
  };
}

/** One StripeEvent and, unless ignored, its delivery in the matching status. */
export async function createTestEvent(integration: { id: string; accountId: string }, options: TestEventOptions = {}) {
  const outcome = options.outcome ?? "delivered";
  const stripeEventId = options.stripeEventId ?? `evt_${unique()}${unique()}`;
  const orderId = options.orderId === undefined ? `in_${unique()}` : options.orderId;
  const event = await prisma.stripeEvent.create({
    data: {
      accountId: integration.accountId,
      integrationId: integration.id,
      stripeEventId,
      type: options.type ?? "invoice.paid",
      livemode: false,
      stripeCreatedAt: new Date((options.receivedAt ?? new Date()).getTime() - 1000),
      receivedAt: options.receivedAt,
      status: outcome === "ignored" ? "ignored" : "accepted",
      ignoredReason: outcome === "ignored" ? (options.reason ?? "event type not mapped") : null,
      outcome,
      customerId: options.customerId === undefined ? `cus_${unique()}` : options.customerId,
      payload: {
        id: stripeEventId,
        object: "event",
        type: options.type ?? "invoice.paid",
        data: { object: { id: orderId } },
      },
    },
  });
  if (outcome === "ignored") return { event, delivery: null };
  const status: DeliveryStatusName = outcome;
  const defaults = defaultsOf(status, orderId, options);
  const delivery = await prisma.delivery.create({
    data: {
      accountId: integration.accountId,
      integrationId: integration.id,
      stripeEventId: event.id,
      kind: "conversion",
      dedupeKey: `conversion:${DEFAULT_INTEGRATION.eventTypeId}:${orderId ?? unique()}:${unique()}`,
      orderId,
      eventTypeId: DEFAULT_INTEGRATION.eventTypeId,
      status,
      skipReason: outcome === "skipped" ? (options.reason ?? "manual invoice") : null,
      dueAt: options.dueAt === undefined ? defaults.dueAt : options.dueAt,
      attemptCount: options.attemptCount ?? defaults.attemptCount,
      generation: options.generation ?? 0,
      lastStatusCode: options.lastStatusCode === undefined ? defaults.lastStatusCode : options.lastStatusCode,
      lastError: options.lastError === undefined ? defaults.lastError : options.lastError,
      leaseUntil: options.leaseUntil ?? null,
      leaseToken: options.leaseUntil ? unique() : null,
      queuedUri: options.queuedUri === undefined ? defaults.queuedUri : options.queuedUri,
      sentAt: options.sentAt === undefined ? defaults.sentAt : options.sentAt,
      outcomeReads: options.outcomeReads ?? 0,
      impactErrorType: options.impactErrorType === undefined ? defaults.impactErrorType : options.impactErrorType,
      impactErrorReason:
        options.impactErrorReason === undefined ? defaults.impactErrorReason : options.impactErrorReason,
      deliveredAt: status === "delivered" ? new Date() : null,
    },
  });
  return { event, delivery };
}
