// One claimed, recorded attempt inside an Inngest step, and what its outcome tells Inngest: return
// (final, waiting, or sent: follow it), NonRetriableError (rejected for good), RetryAfterError (rate
// limited, or leased elsewhere) or Error (retry with Inngest's backoff). Shared by both Inngest functions.
import { NonRetriableError, RetryAfterError } from "inngest";
import { ACTIVE_DELIVERY_STATUSES } from "@/lib/server/deliveries/active-statuses";
import { attemptDelivery } from "@/lib/server/deliveries/attempt-delivery";
import { toDurationString } from "@/lib/server/deliveries/backoff";
import { claimDelivery } from "@/lib/server/deliveries/claim-delivery";
import { loadDeliveryWork } from "@/lib/server/deliveries/load-delivery-work";
import { markDeliveryExhausted } from "@/lib/server/deliveries/mark-delivery-exhausted";

/**
 * DELIVERY_MAX_ATTEMPTS (default 20) − 1, within Inngest's maximum of 20. A constant because function
 * options are read when the module loads, and getEnv() must not run then (`next build` has no runtime
 * configuration). Our own attempt count still decides exhaustion: with a lower DELIVERY_MAX_ATTEMPTS
 * the step returns `exhausted` before Inngest gives up.
 */
export const DELIVERY_RETRIES = 19;

/** Another worker holds the lease (at most LEASE_MS); look again soon rather than wait it out. */
const LEASE_BUSY_RETRY = "30s";

/** A step's answer is JSON: dates travel as ISO strings. */
export type AttemptSummary =
  | {
      deliveryId: string;
      status: "delivered" | "skipped" | "exhausted" | "unknown" | "not-attempted";
      reason?: string;
    }
  /** `sent`: queued at impact.com, read its outcome at nextAttemptAt (SPEC §6a). */
  | { deliveryId: string; status: "waiting" | "sent"; nextAttemptAt: string; reason: string };

/** Nothing was attempted: final when the delivery is, else someone else is on it and we come back. */
async function settleUnattempted(deliveryId: string, reason?: string): Promise<AttemptSummary> {
  const work = await loadDeliveryWork(deliveryId);
  if (work && ACTIVE_DELIVERY_STATUSES.includes(work.status)) {
    throw new RetryAfterError(`delivery ${deliveryId} is being attempted by another worker`, LEASE_BUSY_RETRY);
  }
  return {
    deliveryId,
    status: "not-attempted",
    reason: reason ?? (work ? `delivery is already ${work.status}` : "delivery not found"),
  };
}

/**
 * One attempt at a delivery, for use inside `step.run`. Returns final outcomes and `waiting`; throws
 * NonRetriableError (rejected for good), RetryAfterError (rate limited, or leased elsewhere) or Error
 * (retry with Inngest's backoff). Shared by deliver-conversion and process-refund.
 */
export async function attemptInStep(deliveryId: string): Promise<AttemptSummary> {
  const leaseToken = await claimDelivery(deliveryId);
  if (!leaseToken) return settleUnattempted(deliveryId);
  const outcome = await attemptDelivery(deliveryId, leaseToken, "inngest");
  switch (outcome.status) {
    case "delivered":
    case "skipped":
    case "exhausted":
    case "unknown":
      return { deliveryId, status: outcome.status, reason: outcome.reason };
    case "rejected":
      // Final, and shown as a failed run in Inngest too; onFailure leaves a rejected delivery as it is.
      throw new NonRetriableError(outcome.reason ?? "impact.com rejected the request");
    case "sent":
      return {
        deliveryId,
        status: "sent",
        nextAttemptAt: outcome.nextAttemptAt.toISOString(),
        reason: "queued at impact.com: reading its outcome",
      };
    case "retrying":
      if (outcome.isRateLimited) {
        throw new RetryAfterError(outcome.reason, toDurationString(outcome.nextAttemptAt.getTime() - Date.now()));
      }
      throw new Error(outcome.reason);
    case "waiting":
      return {
        deliveryId,
        status: "waiting",
        nextAttemptAt: outcome.nextAttemptAt.toISOString(),
        reason: outcome.reason,
      };
    case "not-attempted":
      return settleUnattempted(deliveryId, outcome.reason);
  }
}

type FailedRun = { event: { data: { event: { data: { deliveryId: string; generation?: number } } } }; error: Error };

/**
 * onFailure of both functions: when Inngest gives up, the delivery is exhausted with the last error,
 * never left "retrying" — unless it was replayed meanwhile: a run of an older generation must not
 * end the replay's run.
 */
export async function settleFailedRun({ event, error }: FailedRun) {
  const { deliveryId, generation = 0 } = event.data.event.data;
  await markDeliveryExhausted(deliveryId, `gave up: ${error.message}`, generation);
}
