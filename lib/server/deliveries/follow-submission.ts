// Following a queued submission to its outcome (SPEC §6a): one read of impact.com's APISubmission, for a
// delivery in status `sent` whose lease the caller holds. Both runners call it through attemptDelivery.
import { decryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";
import { readImpactSubmission } from "@/lib/impact/read-submission";
import { submissionPathOf } from "@/lib/impact/submission-uri";
import type { AttemptOutcome } from "@/lib/server/deliveries/attempt-outcome";
import { classifySubmission, rejectionMessage } from "@/lib/server/deliveries/classify-submission";
import { reserveImpactRequest } from "@/lib/server/deliveries/impact-budget";
import type { DeliveryWork } from "@/lib/server/deliveries/load-delivery-work";
import type { AttemptRecord, OutcomeUpdate } from "@/lib/server/deliveries/outcome-update";
import { recordAttemptOutcome } from "@/lib/server/deliveries/record-attempt-outcome";

/** Reads are never further apart than this, however long impact.com takes. */
export const MAX_READ_GAP_MS = 15 * 60_000;
/** impact.com processes within minutes; after three days without "Complete" the portal stops asking. */
export const SUBMISSION_PATIENCE_MS = 3 * 86_400_000;

/** The wait before read number `reads + 1`: IMPACT_POLL_DELAY, then twice as long each time, at most 15 min. */
export function nextReadDelayMs(reads: number, pollDelayMs = getEnv().IMPACT_POLL_DELAY_MS): number {
  return Math.min(pollDelayMs * 2 ** Math.min(reads, 30), MAX_READ_GAP_MS);
}

type Decision = OutcomeUpdate & { outcome: AttemptOutcome };

function stillWaiting(work: DeliveryWork, reason: string, minimumDelayMs = 0): Decision {
  const sentAt = work.sentAt ?? new Date();
  if (Date.now() - sentAt.getTime() >= SUBMISSION_PATIENCE_MS) {
    const lastError = `impact.com never finished processing (queued ${sentAt.toISOString()}, last read: ${reason})`;
    return {
      status: "exhausted",
      dueAt: null,
      lastError,
      isOutcomeRead: true,
      countsAsAttempt: false,
      outcome: { status: "exhausted", reason: lastError },
    };
  }
  const nextAttemptAt = new Date(Date.now() + Math.max(nextReadDelayMs(work.outcomeReads + 1), minimumDelayMs));
  return {
    status: "sent",
    dueAt: nextAttemptAt,
    lastError: reason,
    isOutcomeRead: true,
    countsAsAttempt: false,
    outcome: { status: "sent", nextAttemptAt },
  };
}

/**
 * One outcome read. Over IMPACT_HOURLY_BUDGET it reads nothing and comes back when the next hour's budget
 * opens (the wait lives in `dueAt`, so it survives restarts). Never throws for impact.com's answers.
 */
export async function followSubmission(
  work: DeliveryWork,
  leaseToken: string,
  runner: AttemptRecord["runner"],
  options: { impactTimeoutMs?: number } = {},
): Promise<AttemptOutcome> {
  const accountSid = work.integration.account.impactSid;
  const path = submissionPathOf(work.queuedUri, accountSid);
  let update: Decision;
  let attempt: AttemptRecord | undefined;
  if (!path) {
    // Only a path that passed this check is ever stored as `sent`; a row from elsewhere is not followed.
    const reason = `cannot follow the submission: ${JSON.stringify(work.queuedUri)} is not one of this account's APISubmissions. Check order ${work.orderId ?? "?"} in impact.com.`;
    update = {
      status: "unknown",
      dueAt: null,
      lastError: reason,
      countsAsAttempt: false,
      outcome: { status: "unknown", reason },
    };
  } else {
    const grant = await reserveImpactRequest(accountSid);
    if (!grant.isGranted) {
      update = {
        status: "sent",
        dueAt: grant.nextWindowAt,
        lastError: "waiting for next hour's IMPACT_HOURLY_BUDGET to read the outcome",
        countsAsAttempt: false,
        outcome: { status: "sent", nextAttemptAt: grant.nextWindowAt },
      };
    } else {
      const startedAt = new Date();
      const credentials = {
        accountSid,
        authToken: decryptSecret(
          work.integration.impactAuthTokenEncrypted,
          integrationSecret(work.integrationId, "impactAuthTokenEncrypted"),
        ),
      };
      const exchange = await readImpactSubmission(credentials, path, options.impactTimeoutMs);
      attempt = {
        runner,
        startedAt,
        durationMs: exchange.durationMs,
        requestMethod: exchange.recorded.method,
        requestUrl: exchange.recorded.url,
        requestBody: "",
        responseStatus: exchange.status,
        responseBody: exchange.body,
        error: exchange.error,
      };
      const verdict = classifySubmission(exchange, Date.now());
      if (verdict.kind === "delivered") {
        update = {
          status: "delivered",
          dueAt: null,
          lastError: null,
          isOutcomeRead: true,
          countsAsAttempt: false,
          outcome: { status: "delivered" },
        };
      } else if (verdict.kind === "rejected") {
        const reason = rejectionMessage(verdict.errorType, verdict.errorReason);
        update = {
          status: "rejected",
          dueAt: null,
          lastError: reason,
          impactError: { type: verdict.errorType, reason: verdict.errorReason },
          isOutcomeRead: true,
          countsAsAttempt: false,
          outcome: { status: "rejected", reason },
        };
      } else {
        update = stillWaiting(work, verdict.reason, verdict.kind === "read-again" ? verdict.delayMs : 0);
      }
    }
  }
  const isRecorded = await recordAttemptOutcome(work.id, leaseToken, update, attempt);
  return isRecorded ? update.outcome : { status: "not-attempted", reason: "the lease was lost to another worker" };
}
