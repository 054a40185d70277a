// One attempt at one delivery — the work both runners share (SPEC §6): prepare the
// request (Stripe reads), send it to impact.com, classify the answer, record it.
import { decryptSecret } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";
import { sendImpactRequest } from "@/lib/impact/send-impact-request";
import { retryDelayMs } from "@/lib/jobs/backoff";
import { classifyExchange } from "@/lib/jobs/classify-exchange";
import { loadDeliveryWork, type DeliveryWork } from "@/lib/server/deliveries/load-delivery-work";
import { prepareImpactRequest, type Preparation } from "@/lib/server/deliveries/prepare-impact-request";
import { recordAttemptOutcome, type AttemptRecord, type OutcomeUpdate } from "@/lib/server/deliveries/record-attempt-outcome";

export type AttemptOutcome =
  | { status: "delivered" | "skipped" | "exhausted"; reason?: string; /** impact.com refused for good (4xx). */ isRejected?: boolean }
  | { status: "retrying"; nextAttemptAt: Date; reason: string; /** impact.com asked us to wait (429). */ isRateLimited: boolean }
  | { status: "waiting"; nextAttemptAt: Date; reason: string }
  | { status: "not-attempted"; reason: string };

type Runner = AttemptRecord["runner"];

function retryOrExhaust(
  work: DeliveryWork,
  reason: string,
  { delayMs, isRateLimited = false }: { delayMs?: number; isRateLimited?: boolean } = {},
): OutcomeUpdate & { outcome: AttemptOutcome } {
  const env = getEnv();
  const attemptNumber = work.attemptCount + 1;
  if (attemptNumber >= env.DELIVERY_MAX_ATTEMPTS) {
    const lastError = `${reason} (gave up after ${attemptNumber} attempts)`;
    return { status: "exhausted", dueAt: null, lastError, countsAsAttempt: true, outcome: { status: "exhausted", reason: lastError } };
  }
  const nextAttemptAt = new Date(Date.now() + (delayMs ?? retryDelayMs(attemptNumber, env.RETRY_BASE_DELAY_MS)));
  return {
    status: "retrying",
    dueAt: nextAttemptAt,
    lastError: reason,
    countsAsAttempt: true,
    outcome: { status: "retrying", nextAttemptAt, reason, isRateLimited },
  };
}

async function prepare(work: DeliveryWork): Promise<Preparation | { kind: "stripe-error"; error: string }> {
  try {
    return await prepareImpactRequest(work);
  } catch (error) {
    return { kind: "stripe-error", error: `reading from Stripe failed: ${(error as Error).message}` };
  }
}

/**
 * Runs one attempt for a delivery whose lease the caller holds (claimDelivery / claimDueDeliveries).
 * Idempotent for final deliveries. Never throws for impact.com or Stripe failures: they are recorded
 * and come back as the outcome the runner acts on.
 */
export async function attemptDelivery(
  deliveryId: string,
  leaseToken: string,
  runner: Runner,
  options: { impactTimeoutMs?: number } = {},
): Promise<AttemptOutcome> {
  const work = await loadDeliveryWork(deliveryId);
  if (!work || !["pending", "retrying"].includes(work.status)) {
    return { status: "not-attempted", reason: work ? `delivery is already ${work.status}` : "delivery not found" };
  }
  const startedAt = new Date();
  const preparation = await prepare(work);
  let update: OutcomeUpdate & { outcome: AttemptOutcome };
  let attempt: AttemptRecord | undefined;

  if (preparation.kind === "stripe-error") {
    attempt = { runner, startedAt, durationMs: Date.now() - startedAt.getTime(), requestMethod: "GET", requestUrl: "Stripe API", requestBody: "", error: preparation.error };
    update = retryOrExhaust(work, preparation.error);
  } else if (preparation.kind === "skip") {
    update = { status: "skipped", dueAt: null, skipReason: preparation.reason, facts: preparation.facts, countsAsAttempt: false, outcome: { status: "skipped", reason: preparation.reason } };
  } else if (preparation.kind === "wait") {
    update = { status: work.status, dueAt: preparation.until, lastError: preparation.reason, facts: preparation.facts, countsAsAttempt: false, outcome: { status: "waiting", nextAttemptAt: preparation.until, reason: preparation.reason } };
  } else if (preparation.kind === "reject") {
    update = { status: "exhausted", dueAt: null, lastError: preparation.reason, countsAsAttempt: false, outcome: { status: "exhausted", reason: preparation.reason, isRejected: true } };
  } else {
    const credentials = { accountSid: work.integration.account.impactSid, authToken: decryptSecret(work.integration.impactAuthTokenEncrypted) };
    const exchange = await sendImpactRequest(credentials, preparation.request, options.impactTimeoutMs);
    attempt = {
      runner,
      startedAt,
      durationMs: exchange.durationMs,
      requestMethod: exchange.recorded.method,
      requestUrl: exchange.recorded.url,
      requestBody: exchange.recorded.body,
      responseStatus: exchange.status,
      responseBody: exchange.body,
      error: exchange.error,
    };
    const verdict = classifyExchange(exchange, Date.now());
    if (verdict.kind === "delivered") {
      update = { status: "delivered", dueAt: null, lastError: null, queuedUri: verdict.queuedUri, facts: preparation.facts, countsAsAttempt: true, outcome: { status: "delivered" } };
    } else if (verdict.kind === "reject") {
      update = { status: "exhausted", dueAt: null, lastError: verdict.reason, facts: preparation.facts, countsAsAttempt: true, outcome: { status: "exhausted", reason: verdict.reason, isRejected: true } };
    } else {
      update = { ...retryOrExhaust(work, verdict.reason, verdict), facts: preparation.facts };
    }
  }

  const isRecorded = await recordAttemptOutcome(deliveryId, leaseToken, update, attempt);
  return isRecorded ? update.outcome : { status: "not-attempted", reason: "the lease was lost to another worker" };
}
