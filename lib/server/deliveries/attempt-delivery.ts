// One attempt at one delivery — the work both runners share (SPEC §6): prepare the
// request (Stripe reads), send it to impact.com, classify the answer, record it. A delivery impact.com
// has queued (`sent`) is followed instead: its attempt is a read of the submission's outcome (§6a).
import { decryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";
import { publicFailureOf } from "@/lib/errors/public-reason";
import { type ImpactRequest, recordedImpactRequest, sendImpactRequest } from "@/lib/impact/send-impact-request";
import { submissionPathOf } from "@/lib/impact/submission-uri";
import { getLogger } from "@/lib/log";
import type { AttemptOutcome } from "@/lib/server/deliveries/attempt-outcome";
import { retryDelayMs } from "@/lib/server/deliveries/backoff";
import { beginImpactAttempt, UNKNOWN_OUTCOME_ERROR } from "@/lib/server/deliveries/begin-impact-attempt";
import { classifyExchange } from "@/lib/server/deliveries/classify-exchange";
import { followSubmission, nextReadDelayMs } from "@/lib/server/deliveries/follow-submission";
import { reserveImpactRequest } from "@/lib/server/deliveries/impact-budget";
import { type DeliveryWork, loadDeliveryWork } from "@/lib/server/deliveries/load-delivery-work";
import type { AttemptRecord, OutcomeUpdate } from "@/lib/server/deliveries/outcome-update";
import { type Preparation, prepareImpactRequest } from "@/lib/server/deliveries/prepare-impact-request";
import { recordAttemptOutcome } from "@/lib/server/deliveries/record-attempt-outcome";
import { retryUntil } from "@/lib/server/deliveries/retry-until";
import { isStripeKeyRefused } from "@/lib/stripe/stripe-errors";

type Runner = AttemptRecord["runner"];
type Decision = OutcomeUpdate & { outcome: AttemptOutcome };

/**
 * How long a worker keeps trying to record the outcome of a request impact.com answered (e.g. while
 * PostgreSQL restarts): less than the lease (LEASE_MS, 5 min), so nobody else has taken the delivery yet.
 */
const RECORD_RETRY_MS = 4 * 60_000;

function retryOrExhaust(
  work: DeliveryWork,
  reason: string,
  { delayMs, isRateLimited = false }: { delayMs?: number; isRateLimited?: boolean } = {},
): Decision {
  const env = getEnv();
  const attemptNumber = work.attemptCount + 1;
  if (attemptNumber >= env.DELIVERY_MAX_ATTEMPTS) {
    const lastError = `${reason} (gave up after ${attemptNumber} attempts)`;
    return {
      status: "exhausted",
      dueAt: null,
      lastError,
      countsAsAttempt: true,
      outcome: { status: "exhausted", reason: lastError },
    };
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

/**
 * Changes to actions (/Actions) draw on IMPACT_HOURLY_BUDGET like outcome reads; over it, the change
 * waits for the next hour. New conversions never wait for the budget.
 */
async function holdForBudget<P extends Awaited<ReturnType<typeof prepare>>>(work: DeliveryWork, preparation: P) {
  if (preparation.kind !== "send" || work.kind !== "modification") return preparation;
  const grant = await reserveImpactRequest(work.integration.account.impactSid);
  if (grant.isGranted) return preparation;
  return {
    kind: "wait" as const,
    until: grant.nextWindowAt,
    reason: "waiting for next hour's IMPACT_HOURLY_BUDGET to change the action",
    facts: preparation.facts,
  };
}

type StripeFailure = { kind: "stripe-error"; error: string; isKeyRefused: boolean };

async function prepare(work: DeliveryWork): Promise<Preparation | StripeFailure> {
  try {
    return await prepareImpactRequest(work);
  } catch (error) {
    // The attempt's error is shown to the brand: a classified reason and a reference, the raw text to the log.
    const message = publicFailureOf(error, "reading from Stripe", "attempt-delivery").message;
    return { kind: "stripe-error", error: message, isKeyRefused: isStripeKeyRefused(error) };
  }
}

/**
 * What the preparation's Stripe reads said about the key, for its alert (SPEC §12). A preparation that
 * succeeded read Stripe in all but rare cases (an invoice without subscription or customer); the endpoint
 * check raises a still-refused key again.
 */
function stripeAccessOf(preparation: Preparation | StripeFailure): OutcomeUpdate["stripeAccess"] {
  if (preparation.kind !== "stripe-error") return "granted";
  return preparation.isKeyRefused ? "refused" : undefined;
}

/** A conversion a dead worker may already have sent is not sent again by a machine: a person decides (SPEC §6). */
function holdUnknownConversion(work: DeliveryWork, startedAt: Date): Decision {
  const reason =
    `${UNKNOWN_OUTCOME_ERROR} (attempt started ${startedAt.toISOString()}). impact.com may already have order ` +
    `${work.orderId ?? "?"}: check it there, and use "Send again" only if it is missing.`;
  return {
    status: "unknown",
    dueAt: null,
    lastError: reason,
    countsAsAttempt: true,
    closesUnfinished: true,
    outcome: { status: "unknown", reason },
  };
}

/**
 * impact.com queued it: `sent`, and the first outcome read falls due after IMPACT_POLL_DELAY. A QueuedUri
 * that is not one of this account's submissions is never followed (credentials would go with the read):
 * the delivery's outcome is then unknown, for a person to check.
 */
function queuedDecision(work: DeliveryWork, queuedUri: string | undefined): Decision {
  const path = submissionPathOf(queuedUri, work.integration.account.impactSid);
  if (!path) {
    const reason =
      `impact.com queued order ${work.orderId ?? "?"} but its QueuedUri ${JSON.stringify(queuedUri ?? null).slice(0, 200)} ` +
      "is not a submission of this account, so its outcome cannot be read: check the order in impact.com.";
    return {
      status: "unknown",
      dueAt: null,
      lastError: reason,
      countsAsAttempt: true,
      outcome: { status: "unknown", reason },
    };
  }
  const nextAttemptAt = new Date(Date.now() + nextReadDelayMs(0));
  return {
    status: "sent",
    dueAt: nextAttemptAt,
    lastError: null,
    queuedUri: path,
    sentAt: new Date(),
    countsAsAttempt: true,
    outcome: { status: "sent", nextAttemptAt },
  };
}

/**
 * Sends the prepared request, committing an in-flight attempt row first. Null when the lease was lost
 * before sending; a hold instead of a send when a dead worker may already have sent this conversion.
 */
async function sendAndClassify(
  work: DeliveryWork,
  leaseToken: string,
  runner: Runner,
  preparation: { request: ImpactRequest; facts: OutcomeUpdate["facts"] },
  options: { impactTimeoutMs?: number; startedAt: Date },
): Promise<{ update: Decision; attempt?: AttemptRecord } | null> {
  const credentials = {
    accountSid: work.integration.account.impactSid,
    authToken: decryptSecret(
      work.integration.impactAuthTokenEncrypted,
      integrationSecret(work.integrationId, "impactAuthTokenEncrypted"),
    ),
  };
  const planned = recordedImpactRequest(credentials, preparation.request);
  const begun = await beginImpactAttempt(
    work.id,
    leaseToken,
    {
      runner,
      startedAt: options.startedAt,
      requestMethod: planned.method,
      requestUrl: planned.url,
      requestBody: planned.body,
    },
    // A modification sets the action's amount (PUT): sending it again after an unknown outcome is harmless.
    { resendUnfinished: work.kind === "modification" },
  );
  if (begun.kind === "lease-lost") return null;
  if (begun.kind === "unfinished") return { update: holdUnknownConversion(work, begun.startedAt) };
  const inFlightAttemptId = begun.attemptId;
  const exchange = await sendImpactRequest(credentials, preparation.request, options.impactTimeoutMs);
  const attempt: AttemptRecord = {
    runner,
    startedAt: options.startedAt,
    durationMs: exchange.durationMs,
    requestMethod: exchange.recorded.method,
    requestUrl: exchange.recorded.url,
    requestBody: exchange.recorded.body,
    responseStatus: exchange.status,
    responseBody: exchange.body,
    error: exchange.error,
    inFlightAttemptId,
  };
  const verdict = classifyExchange(exchange, Date.now());
  const facts = preparation.facts;
  const closesUnfinished = begun.hasUnfinished;
  if (verdict.kind === "queued") {
    return { attempt, update: { ...queuedDecision(work, verdict.queuedUri), facts, closesUnfinished } };
  }
  if (verdict.kind === "reject") {
    return {
      attempt,
      update: {
        status: "rejected",
        dueAt: null,
        lastError: verdict.reason,
        facts,
        countsAsAttempt: true,
        closesUnfinished,
        outcome: { status: "rejected", reason: verdict.reason },
      },
    };
  }
  return { attempt, update: { ...retryOrExhaust(work, verdict.reason, verdict), facts, closesUnfinished } };
}

/**
 * Runs one attempt for a delivery whose lease the caller holds (claimDelivery / claimDueDeliveries).
 * Idempotent for final deliveries. Never throws for impact.com or Stripe failures: they are recorded
 * and come back as the outcome the runner acts on. A database failure before sending throws (nothing
 * was sent); after sending, recording the answer is retried for minutes so it is not lost.
 */
export async function attemptDelivery(
  deliveryId: string,
  leaseToken: string,
  runner: Runner,
  options: { impactTimeoutMs?: number } = {},
): Promise<AttemptOutcome> {
  const work = await loadDeliveryWork(deliveryId);
  if (work?.status === "sent") return followSubmission(work, leaseToken, runner, options);
  if (!work || !["pending", "retrying"].includes(work.status)) {
    return { status: "not-attempted", reason: work ? `delivery is already ${work.status}` : "delivery not found" };
  }
  const startedAt = new Date();
  const preparation = await holdForBudget(work, await prepare(work));
  let update: Decision;
  let attempt: AttemptRecord | undefined;
  if (preparation.kind === "stripe-error") {
    attempt = {
      runner,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      requestMethod: "GET",
      requestUrl: "Stripe API",
      requestBody: "",
      error: preparation.error,
    };
    update = retryOrExhaust(work, preparation.error);
  } else if (preparation.kind === "skip") {
    update = {
      status: "skipped",
      dueAt: null,
      skipReason: preparation.reason,
      facts: preparation.facts,
      countsAsAttempt: false,
      outcome: { status: "skipped", reason: preparation.reason },
    };
  } else if (preparation.kind === "wait") {
    update = {
      status: work.status,
      dueAt: preparation.until,
      lastError: preparation.reason,
      facts: preparation.facts,
      countsAsAttempt: false,
      outcome: { status: "waiting", nextAttemptAt: preparation.until, reason: preparation.reason },
    };
  } else if (preparation.kind === "reject") {
    update = {
      status: "exhausted",
      dueAt: null,
      lastError: preparation.reason,
      countsAsAttempt: false,
      outcome: { status: "exhausted", reason: preparation.reason },
    };
  } else {
    const sent = await sendAndClassify(work, leaseToken, runner, preparation, {
      impactTimeoutMs: options.impactTimeoutMs,
      startedAt,
    });
    if (!sent) return { status: "not-attempted", reason: "the lease was lost to another worker" };
    ({ update, attempt } = sent);
  }
  update = { ...update, stripeAccess: stripeAccessOf(preparation) };
  const record = () => recordAttemptOutcome(deliveryId, leaseToken, update, attempt);
  const isRecorded = attempt?.inFlightAttemptId
    ? await retryUntil(record, {
        forMs: RECORD_RETRY_MS,
        onRetry: (error) =>
          getLogger().warn(
            { component: "attempt-delivery", deliveryId, reason: (error as Error).message },
            "recording the answer failed, retrying",
          ),
      })
    : await record();
  return isRecorded ? update.outcome : { status: "not-attempted", reason: "the lease was lost to another worker" };
}
