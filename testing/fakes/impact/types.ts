import type { ChaosConfig, FailureRule } from "@/testing/fakes/shared/failure-rules";

export interface FakeImpactAccountInput {
  /** Account SID, the HTTP Basic user name and the `:sid` path segment. */
  sid: string;
  /** Every token accepted for this SID: the sign-in token and any others used for deliveries. */
  authTokens: string[];
  companyName?: string;
  /** Answer 403 (a scoped token without permission) to every call of this account. */
  forbidden?: boolean;
}

export interface FakeImpactAccount {
  sid: string;
  authTokens: string[];
  companyName: string;
  forbidden: boolean;
}

export type ImpactRequestOutcome = "pending" | "answered" | "hung" | "reset";

export interface RecordedImpactRequest {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Form (or JSON) body parameters as impact.com reads them. */
  params: Record<string, string>;
  /** Lower-cased request headers; the Authorization value is redacted (see authSid/authToken). */
  headers: Record<string, string>;
  /** From HTTP Basic: which SID and token the client used (fake credentials, kept for assertions). */
  authSid: string | null;
  authToken: string | null;
  status: number | null;
  outcome: ImpactRequestOutcome;
  /** Set when an injected failure decided the answer (`fail_…` or `chaos`). */
  injected?: string;
  responseBody?: unknown;
  durationMs?: number;
  /** The client hung up before the (delayed) answer was written; impact.com still processed it. */
  clientDisconnected?: boolean;
}

export interface ImpactRequestFilter {
  /** Substring of the path, e.g. `Conversions`. */
  path?: string;
  method?: string;
  sid?: string;
  status?: number;
}

export type ImpactFailureAction =
  /** Answer `status` with impact's error envelope (or `body`). */
  | { kind: "error"; status: number; message?: string; body?: unknown }
  /** 429 with `X-RateLimit-Reset`: seconds until reset (impact's documented form) or an epoch time. */
  | { kind: "rate-limit"; resetSeconds: number; resetStyle?: "seconds" | "epoch" }
  /** Never answer (until the client gives up), or answer normally after `ms`. */
  | { kind: "hang"; ms?: number }
  /** Destroy the socket without answering. */
  | { kind: "reset" };

export type ImpactFailureRule = FailureRule<ImpactFailureAction>;
export type ImpactChaosConfig = ChaosConfig<ImpactFailureAction>;

/** `reset`: API connections are dropped; `refuse`: the port stops listening (control endpoints too). */
export type ImpactDownMode = "reset" | "refuse";

export type ImpactSubmissionType = "Conversion" | "Modification" | "Reversal";
export type ImpactSubmissionStatus = "Queued" | "In Progress" | "Complete";

/**
 * How long a submission takes: `In Progress` after `inProgressAfterMs`, `Complete` after `completeAfterMs`
 * (both from the submission). `completeAfterMs: Infinity` (`null` over HTTP) never completes.
 */
export type ImpactSubmissionTiming = { inProgressAfterMs: number; completeAfterMs: number };

/** Which submissions a rule applies to; every given field must match. */
export type ImpactSubmissionMatcher = {
  actionTrackerId?: string;
  orderIdIncludes?: string;
  type?: ImpactSubmissionType;
};

export type ImpactSubmissionOutcome =
  /** Complete, but with impact's ErrorType / ErrorReason (e.g. `Validation` / `ACTIONTRACKER_NOT_FOUND`). */
  | { kind: "reject"; errorType: string; errorReason: string }
  /** Never leaves `In Progress`: for the portal's "impact.com never finished processing" limit. */
  | { kind: "stall" };

export type ImpactSubmissionRuleInput = { when?: ImpactSubmissionMatcher; count?: number | null };

export type ImpactSubmissionRule = {
  id: string;
  when: ImpactSubmissionMatcher;
  /** Submissions still to take this outcome; null: every match until reset. */
  remaining: number | null;
  outcome: ImpactSubmissionOutcome;
};

/** One submission per QUEUED answer; its status follows from the clock, so reads never change it. */
export type ImpactSubmission = {
  id: string;
  sid: string;
  kind: "conversion" | "action-update" | "action-reversal";
  type: ImpactSubmissionType;
  params: Record<string, string>;
  /** The form body as sent (the query string for a body-less DELETE), echoed as `Payload`. */
  payload: string;
  time: string;
  /** Epoch ms of the status changes, fixed at submission from the timing then; Infinity (null in JSON): never. */
  inProgressAt: number;
  completeAt: number;
  /** Decided at submission by a reject rule; shown only once Complete. */
  error: { errorType: string; errorReason: string } | null;
  /** The submission rule that decided its outcome, if any. */
  ruleId?: string;
  /** Status as of when this copy was made. */
  status: ImpactSubmissionStatus;
};

/** `GET /Advertisers/{SID}/APISubmissions/{BatchId}`, shaped after impact.com's API submission object. */
export type ImpactApiSubmission = {
  BatchId: string;
  SubmissionDate: string;
  CampaignId: string;
  ActionTrackerId: string;
  MediaPartnerId: string;
  OrderId: string;
  Payload: string;
  Type: ImpactSubmissionType;
  Status: ImpactSubmissionStatus;
  CompletionDate: string | null;
  ErrorType: string;
  ErrorReason: string;
  Uri: string;
};

/** What the fake keeps per submission; the status is worked out from the clock when read. */
export type StoredImpactSubmission = Omit<ImpactSubmission, "status">;
