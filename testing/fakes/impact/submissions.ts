import { randomUUID } from "node:crypto";
import type { SubmissionRules } from "@/testing/fakes/impact/submission-rules";
import type {
  ImpactApiSubmission,
  ImpactSubmission,
  ImpactSubmissionStatus,
  ImpactSubmissionTiming,
  ImpactSubmissionType,
  StoredImpactSubmission,
} from "@/testing/fakes/impact/types";

/** Small, so a test waiting for `Complete` takes milliseconds; the real impact.com takes minutes. */
export const DEFAULT_SUBMISSION_TIMING: ImpactSubmissionTiming = { inProgressAfterMs: 20, completeAfterMs: 50 };

const TYPES: Record<StoredImpactSubmission["kind"], ImpactSubmissionType> = {
  conversion: "Conversion",
  "action-update": "Modification",
  "action-reversal": "Reversal",
};

/**
 * `current` with `change` applied; throws unless 0 <= inProgressAfterMs <= completeAfterMs (Infinity allowed).
 * Given alone, a completeAfterMs below the current inProgressAfterMs pulls it down ("complete at once": 0).
 */
export function mergeSubmissionTiming(
  current: ImpactSubmissionTiming,
  change: Partial<ImpactSubmissionTiming>,
): ImpactSubmissionTiming {
  const timing = { ...current, ...change };
  if (change.inProgressAfterMs === undefined && typeof change.completeAfterMs === "number") {
    timing.inProgressAfterMs = Math.min(current.inProgressAfterMs, change.completeAfterMs);
  }
  for (const [name, value] of Object.entries(timing)) {
    if (typeof value !== "number" || !(value >= 0)) throw new Error(`${name} must be a number of ms >= 0 or Infinity`);
  }
  if (timing.completeAfterMs < timing.inProgressAfterMs) {
    throw new Error("completeAfterMs must not be below inProgressAfterMs");
  }
  return timing;
}

/** Records what impact.com queued; rules and timing are read now, so later changes leave it alone. */
export function createSubmission(
  input: Pick<StoredImpactSubmission, "sid" | "kind" | "params" | "payload">,
  timing: ImpactSubmissionTiming,
  rules: SubmissionRules,
  now = Date.now(),
): StoredImpactSubmission {
  const type = TYPES[input.kind];
  const decided = rules.take({
    type,
    actionTrackerId: actionTrackerIdOf(input.params),
    orderId: input.params.OrderId ?? "",
  });
  const isStalled = decided?.outcome.kind === "stall";
  return {
    ...input,
    id: `A-${randomUUID()}`,
    type,
    time: new Date(now).toISOString(),
    inProgressAt: now + timing.inProgressAfterMs,
    completeAt: isStalled ? Infinity : now + timing.completeAfterMs,
    error:
      decided?.outcome.kind === "reject"
        ? { errorType: decided.outcome.errorType, errorReason: decided.outcome.errorReason }
        : null,
    ruleId: decided?.ruleId,
  };
}

export function submissionStatus(submission: StoredImpactSubmission, now = Date.now()): ImpactSubmissionStatus {
  if (now >= submission.completeAt) return "Complete";
  return now >= submission.inProgressAt ? "In Progress" : "Queued";
}

export function withStatus(submission: StoredImpactSubmission, now = Date.now()): ImpactSubmission {
  return { ...structuredClone(submission), status: submissionStatus(submission, now) };
}

/** The object `GET …/APISubmissions/{BatchId}` answers; errors show only once Complete, as at impact.com. */
export function toApiSubmission(submission: StoredImpactSubmission, now = Date.now()): ImpactApiSubmission {
  const status = submissionStatus(submission, now);
  const isComplete = status === "Complete";
  return {
    BatchId: submission.id,
    SubmissionDate: submission.time,
    CampaignId: submission.params.CampaignId ?? "",
    ActionTrackerId: actionTrackerIdOf(submission.params),
    MediaPartnerId: "",
    OrderId: submission.params.OrderId ?? "",
    Payload: submission.payload,
    Type: submission.type,
    Status: status,
    CompletionDate: isComplete ? new Date(submission.completeAt).toISOString() : null,
    ErrorType: isComplete ? (submission.error?.errorType ?? "") : "",
    ErrorReason: isComplete ? (submission.error?.errorReason ?? "") : "",
    Uri: submissionUri(submission),
  };
}

export function submissionUri(submission: Pick<StoredImpactSubmission, "sid" | "id">): string {
  return `/Advertisers/${submission.sid}/APISubmissions/${submission.id}`;
}

// Conversions name the event type EventTypeId (or ActionTrackerId); /Actions always ActionTrackerId.
function actionTrackerIdOf(params: Record<string, string>): string {
  return params.EventTypeId || params.ActionTrackerId || "";
}
