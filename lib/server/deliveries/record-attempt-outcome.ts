import { prisma } from "@/lib/db";
import type { DeliveryStatus } from "@/lib/generated/prisma/client";
import { recordAttemptAlerts } from "@/lib/server/alerts/record-attempt-alerts";
import { UNKNOWN_OUTCOME_ERROR } from "@/lib/server/deliveries/begin-impact-attempt";
import type { SentFacts } from "@/lib/server/deliveries/prepare-impact-request";
import { getMetrics } from "@/lib/server/operations/metrics";

export type AttemptRecord = {
  runner: "local" | "inngest";
  startedAt: Date;
  durationMs: number;
  requestMethod: string;
  requestUrl: string;
  requestBody: string;
  responseStatus?: number;
  responseBody?: string;
  error?: string;
  /** The row beginImpactAttempt wrote before sending: completed here instead of adding another. */
  inFlightAttemptId?: string;
};

export type OutcomeUpdate = {
  status: DeliveryStatus;
  /** Next time the local runner should look at it; null once final. */
  dueAt: Date | null;
  lastError?: string | null;
  skipReason?: string;
  queuedUri?: string;
  /** Set when impact.com queued the submission: outcome reads start from here (SPEC §6a). */
  sentAt?: Date;
  /** This update is the result of reading the submission's outcome (counted in `outcomeReads`). */
  isOutcomeRead?: boolean;
  /** impact.com's ErrorType / ErrorReason of a rejected submission, verbatim. */
  impactError?: { type: string; reason: string };
  facts?: Partial<SentFacts>;
  /** False for a refund that only waited: waiting is not an attempt at impact.com. */
  countsAsAttempt: boolean;
  /** Mark attempts a dead worker left in flight (findUnfinishedAttempt) as of unknown outcome. */
  closesUnfinished?: boolean;
  /** What the attempt's Stripe reads said about the key, for its alert (SPEC §12). */
  stripeAccess?: "granted" | "refused";
};

/**
 * Writes the attempt and the delivery's new state in one transaction, releasing the lease.
 * Returns false (and writes nothing) when the lease was lost to another worker meanwhile.
 */
export async function recordAttemptOutcome(
  deliveryId: string,
  leaseToken: string,
  update: OutcomeUpdate,
  attempt?: AttemptRecord,
): Promise<boolean> {
  const recorded = await prisma.$transaction(async (tx) => {
    const current = await tx.delivery.findFirst({
      where: { id: deliveryId, leaseToken },
      select: { attemptCount: true, generation: true, stripeEventId: true, integrationId: true, orderId: true },
    });
    if (!current) return null;
    const number = current.attemptCount + (update.countsAsAttempt ? 1 : 0);
    if (update.closesUnfinished) {
      // In the same transaction as the new state: a crash in between must not hide that a send happened.
      await tx.deliveryAttempt.updateMany({
        where: {
          deliveryId,
          generation: current.generation,
          isInFlight: true,
          id: attempt?.inFlightAttemptId ? { not: attempt.inFlightAttemptId } : undefined,
        },
        data: { isInFlight: false, error: UNKNOWN_OUTCOME_ERROR },
      });
    }
    if (attempt) {
      const { inFlightAttemptId, ...fields } = attempt;
      const nextAttemptAt = update.status === "retrying" || update.status === "sent" ? update.dueAt : null;
      if (inFlightAttemptId) {
        await tx.deliveryAttempt.update({
          where: { id: inFlightAttemptId },
          data: { ...fields, nextAttemptAt, isInFlight: false },
        });
      } else {
        await tx.deliveryAttempt.create({
          data: { deliveryId, number, generation: current.generation, ...fields, nextAttemptAt },
        });
      }
    }
    const { facts } = update;
    await tx.delivery.update({
      where: { id: deliveryId },
      data: {
        status: update.status,
        dueAt: update.dueAt,
        attemptCount: number,
        leaseToken: null,
        leaseUntil: null,
        lastStatusCode: attempt ? (attempt.responseStatus ?? null) : undefined,
        lastError: update.lastError,
        skipReason: update.skipReason,
        queuedUri: update.queuedUri,
        sentAt: update.sentAt,
        outcomeReads: update.sentAt ? 0 : update.isOutcomeRead ? { increment: 1 } : undefined,
        impactErrorType: update.impactError?.type,
        impactErrorReason: update.impactError?.reason,
        deliveredAt: update.status === "delivered" ? new Date() : undefined,
        orderId: facts?.orderId,
        eventTypeId: facts?.eventTypeId,
        amount: facts?.amount,
        currency: facts?.currency,
        clickIdSource: facts?.clickIdSource,
        subscriptionId: facts?.subscriptionId,
        eventTypeRule: facts?.eventTypeRule,
      },
    });
    await tx.stripeEvent.update({ where: { id: current.stripeEventId }, data: { outcome: update.status } });
    return current;
  });
  const isRecorded = recorded !== null;
  // After commit: an attempt whose recording rolled back (and is retried) is observed once.
  if (isRecorded && attempt)
    getMetrics().attemptDuration.observe(
      { runner: attempt.runner, method: attempt.requestMethod, status: update.status },
      attempt.durationMs / 1000,
    );
  if (recorded) {
    await recordAttemptAlerts(recorded.integrationId, {
      status: update.status,
      orderId: update.facts?.orderId ?? recorded.orderId,
      reason: update.lastError,
      impactStatus: attempt?.responseStatus,
      stripeAccess: update.stripeAccess,
    });
  }
  return isRecorded;
}
