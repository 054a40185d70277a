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

export interface ImpactSubmission {
  id: string;
  sid: string;
  kind: "conversion" | "action-update" | "action-reversal";
  params: Record<string, string>;
  time: string;
}
