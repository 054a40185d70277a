import type { ChaosConfig, FailureRule } from "@/testing/fakes/shared/failure-rules";

export type FakeAdvocateUserInput = {
  id: string;
  accountId: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** e.g. `{ stripeCustomerId: "cus_…" }`; absent: `{}`. */
  customFields?: Record<string, unknown>;
};

export type FakeAdvocateUser = Required<Pick<FakeAdvocateUserInput, "id" | "accountId">> & {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  customFields: Record<string, unknown>;
};

export type FakeAdvocateRedemption = { id: string; amount: number; unit: string; dateRedeemed: number };

/**
 * A reward as the fake stores it. Omitted on input: `id` (generated), `type` CREDIT, `dateCreated` and
 * `dateGiven` now (so it is available), `redeemedCredit` 0, the rest null. `statuses` absent: derived on
 * every read from the dates and credits, as Advocate would; given: served as is (to force a state).
 */
export type FakeAdvocateReward = {
  id: string;
  type: "PCT_DISCOUNT" | "FUELTANK" | "CREDIT" | "INTEGRATION";
  unit: string | null;
  assignedCredit: number | null;
  redeemedCredit: number | null;
  currency: string | null;
  accountId: string;
  userId: string;
  dateCreated: number;
  dateGiven: number | null;
  dateScheduledFor: number | null;
  dateExpires: number | null;
  dateCancelled: number | null;
  statuses: string[] | null;
  name: string | null;
  programId: string | null;
  cancellable: boolean;
  rewardSource: string;
  redemptions: FakeAdvocateRedemption[];
};

export type FakeAdvocateRewardInput = Partial<FakeAdvocateReward> & Pick<FakeAdvocateReward, "accountId" | "userId">;

export type FakeAdvocateTenantInput = {
  /** `test_…` for a test tenant (webhooks then say `live: false`). */
  alias: string;
  apiKey: string;
  users?: FakeAdvocateUserInput[];
  rewards?: FakeAdvocateRewardInput[];
};

export type FakeAdvocateSubscription = { endpointUrl: string; name: string | null; dateCreated: number };

export type FakeAdvocateTenantInfo = {
  alias: string;
  apiKey: string;
  users: FakeAdvocateUser[];
  rewards: FakeAdvocateReward[];
  subscriptions: FakeAdvocateSubscription[];
};

export type AdvocateRequestOutcome = "pending" | "answered" | "hung" | "reset";

export type RecordedAdvocateRequest = {
  seq: number;
  time: string;
  method: string;
  path: string;
  /** The `:tenant` path segment, decoded; null for the JWKS. */
  tenant: string | null;
  /** Parsed JSON body (the text when it is not JSON; undefined when empty). */
  body: unknown;
  /** The Basic password the client sent (a fake credential, kept for assertions); the header itself is not kept. */
  apiKey: string | null;
  status: number | null;
  outcome: AdvocateRequestOutcome;
  /** Set when an injected failure decided the answer (`fail_…` or `chaos`). */
  injected?: string;
  responseBody?: unknown;
  durationMs?: number;
};

export type AdvocateRequestFilter = { path?: string; method?: string; tenant?: string; status?: number };

export type AdvocateFailureAction =
  /** Answer `status` with Advocate's `{statusCode, message, apiErrorCode}` (or `body`). */
  | { kind: "error"; status: number; message?: string; apiErrorCode?: string; body?: unknown }
  /** 429 with `Retry-After: retryAfterSeconds`. */
  | { kind: "rate-limit"; retryAfterSeconds: number }
  /** Never answer (until the client gives up), or answer normally after `ms`. */
  | { kind: "hang"; ms?: number }
  /** Destroy the socket without answering. */
  | { kind: "reset" };

export type AdvocateFailureRule = FailureRule<AdvocateFailureAction>;
export type AdvocateChaosConfig = ChaosConfig<AdvocateFailureAction>;

export type FakeAdvocateWebhookInput = { type: string; data: unknown; id?: string; created?: number };

export type AdvocateWebhookDelivery = {
  eventId: string;
  type: string;
  tenantAlias: string;
  endpointUrl: string;
  /** The exact bytes POSTed (what the signature covers). */
  body: string;
  signature: string;
  /** null when no answer arrived (`error` says why). */
  status: number | null;
  responseBody: string | null;
  error?: string;
  durationMs: number;
  time: string;
};

/** `detached` (default): `protected..signature` over base64url(body); `b64false`: RFC 7797 unencoded payload. */
export type AdvocateSignatureStyle = "detached" | "b64false";
