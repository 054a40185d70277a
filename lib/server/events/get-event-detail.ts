import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { EVENT_ROW_SELECT, toEventListItem } from "@/lib/server/events/event-row";
import { accountCondition, type EventScope } from "@/lib/server/events/event-scope";
import type { AttemptView, DeliveryDetail, EventDetail, MappedRequest } from "@/lib/views/event-view";

const DELIVERY_SELECT = {
  id: true,
  kind: true,
  status: true,
  orderId: true,
  eventTypeId: true,
  skipReason: true,
  dueAt: true,
  generation: true,
  attemptCount: true,
  queuedUri: true,
  sentAt: true,
  outcomeReads: true,
  impactErrorType: true,
  impactErrorReason: true,
  lastStatusCode: true,
  lastError: true,
  deliveredAt: true,
  clickIdSource: true,
  subscriptionId: true,
  eventTypeRule: true,
  attempts: { orderBy: [{ startedAt: "desc" as const }, { number: "desc" as const }] },
};

/** The stored request body is form-encoded (impact.com's Conversions and Actions APIs); show it as a table. */
function mappedRequest(
  attempt: { requestMethod: string; requestUrl: string; requestBody: string } | undefined,
): MappedRequest | null {
  if (!attempt || attempt.requestBody === "" || !attempt.requestUrl.startsWith("http")) return null;
  return {
    method: attempt.requestMethod,
    url: attempt.requestUrl,
    params: [...new URLSearchParams(attempt.requestBody)],
  };
}

function attemptView(attempt: {
  id: string;
  number: number;
  generation: number;
  startedAt: Date;
  durationMs: number;
  runner: string;
  requestMethod: string;
  requestUrl: string;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  nextAttemptAt: Date | null;
}): AttemptView {
  return {
    id: attempt.id,
    number: attempt.number,
    generation: attempt.generation,
    startedAt: attempt.startedAt.toISOString(),
    durationMs: attempt.durationMs,
    runner: attempt.runner,
    requestMethod: attempt.requestMethod,
    requestUrl: attempt.requestUrl,
    responseStatus: attempt.responseStatus,
    responseBody: attempt.responseBody,
    error: attempt.error,
    nextAttemptAt: attempt.nextAttemptAt?.toISOString() ?? null,
  };
}

/**
 * One event with its payload, deliveries and every attempt. Scoped: another account's id is
 * NOT_FOUND, exactly like an unknown one, so ids cannot be probed.
 */
export async function getEventDetail(scope: EventScope, eventId: string): Promise<EventDetail> {
  const row = await prisma.stripeEvent.findFirst({
    where: { id: eventId, ...accountCondition(scope) },
    select: {
      ...EVENT_ROW_SELECT,
      apiVersion: true,
      stripeCreatedAt: true,
      source: true,
      payload: true,
      deliveries: { orderBy: { createdAt: "asc" }, select: DELIVERY_SELECT },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "No such event in this account.");
  const { delivery: _first, ...item } = toEventListItem({ ...row, deliveries: row.deliveries });
  const deliveries: DeliveryDetail[] = row.deliveries.map(({ attempts, ...delivery }) => ({
    ...delivery,
    dueAt: delivery.dueAt?.toISOString() ?? null,
    sentAt: delivery.sentAt?.toISOString() ?? null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    request: mappedRequest(attempts.find((attempt) => attempt.requestBody !== "")),
    attempts: attempts.map(attemptView),
  }));
  return {
    ...item,
    apiVersion: row.apiVersion,
    stripeCreatedAt: row.stripeCreatedAt.toISOString(),
    source: row.source,
    payloadJson: JSON.stringify(row.payload, null, 2),
    deliveries,
  };
}
