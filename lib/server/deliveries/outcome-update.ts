// What recording one attempt writes: the attempt's own row and the delivery's new state (recordAttemptOutcome).
import type { DeliveryStatus } from "@/lib/generated/prisma/client";
import type { SentFacts } from "@/lib/server/deliveries/prepare-impact-request";

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
