import { sqlPool } from "@/lib/db";
import {
  type AttemptAlertFacts,
  alertKindsResolvedBy,
  raiseAttemptAlerts,
} from "@/lib/server/alerts/record-attempt-alerts";
import { outcomeStatement } from "@/lib/server/deliveries/outcome-statement";
import type { AttemptRecord, OutcomeUpdate } from "@/lib/server/deliveries/outcome-update";
import { getMetrics } from "@/lib/server/operations/metrics";

/**
 * Writes the attempt and the delivery's new state in one statement (outcome-statement.ts), releasing the
 * lease and clearing the alerts whose cause it shows gone; raises its alerts after commit. Returns false
 * (and writes nothing) when the lease was lost to another worker meanwhile.
 */
export async function recordAttemptOutcome(
  deliveryId: string,
  leaseToken: string,
  update: OutcomeUpdate,
  attempt?: AttemptRecord,
): Promise<boolean> {
  const alertFacts: AttemptAlertFacts = {
    status: update.status,
    orderId: update.facts?.orderId,
    reason: update.lastError,
    impactStatus: attempt?.responseStatus,
    stripeAccess: update.stripeAccess,
  };
  const { text, values } = outcomeStatement(deliveryId, leaseToken, update, attempt, alertKindsResolvedBy(alertFacts));
  const { rows } = await sqlPool().query<{ integrationId: string; orderId: string | null }>(text, values);
  const recorded = rows[0] ?? null;
  const isRecorded = recorded !== null;
  // After commit: an attempt whose recording rolled back (and is retried) is observed once.
  if (isRecorded && attempt)
    getMetrics().attemptDuration.observe(
      { runner: attempt.runner, method: attempt.requestMethod, status: update.status },
      attempt.durationMs / 1000,
    );
  if (recorded) {
    await raiseAttemptAlerts(recorded.integrationId, {
      ...alertFacts,
      orderId: alertFacts.orderId ?? recorded.orderId,
    });
  }
  return isRecorded;
}
