/**
 * Typed HTTP clients for the fakes' `/_fake/...` control endpoints, for Playwright specs and scripts
 * that run in another process than the fakes. Uses only `fetch`, so it has no server-side imports.
 */
import type Stripe from "stripe";
import type {
  AdvocateFailureAction,
  AdvocateFailureRule,
  AdvocateRequestFilter,
  AdvocateSignatureStyle,
  AdvocateWebhookDelivery,
  FakeAdvocateReward,
  FakeAdvocateRewardInput,
  FakeAdvocateSubscription,
  FakeAdvocateTenantInfo,
  FakeAdvocateTenantInput,
  FakeAdvocateUser,
  FakeAdvocateUserInput,
  FakeAdvocateWebhookInput,
  RecordedAdvocateRequest,
} from "@/testing/fakes/advocate/types";
import type {
  FakeImpactAccount,
  FakeImpactAccountInput,
  ImpactChaosConfig,
  ImpactFailureAction,
  ImpactFailureRule,
  ImpactRequestFilter,
  ImpactSubmission,
  ImpactSubmissionRule,
  ImpactSubmissionRuleInput,
  ImpactSubmissionTiming,
  RecordedImpactRequest,
} from "@/testing/fakes/impact/types";
import type { DemoStreamSettings, DemoStreamStatus } from "@/testing/fakes/stripe/demo-stream";
import type { SeedableStripeObject } from "@/testing/fakes/stripe/seed";
import type {
  FakeStripeAccountInfo,
  FakeStripeAccountInput,
  FakeStripeKey,
  FakeStripeKeyInput,
  RecordedStripeRequest,
  StripeChaosConfig,
  StripeFailureAction,
  StripeFailureRule,
  StripeWebhookDelivery,
} from "@/testing/fakes/stripe/types";

/** Where a rule applies: `path` is a substring of the request path, `pathRegex` a regular expression source. */
export interface ControlMatcher {
  method?: string;
  path?: string;
  pathRegex?: string;
  /** A substring of the raw request body, e.g. an order id. */
  bodyIncludes?: string;
  /** Default 1; null means "until cleared". */
  count?: number | null;
}

export class FakeControlError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function call<T>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(`/_fake${path}`, baseUrl), {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = text === "" ? undefined : JSON.parse(text);
  if (!response.ok) {
    const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message ?? text;
    throw new FakeControlError(`${method} /_fake${path} failed (${response.status}): ${message}`, response.status);
  }
  return parsed as T;
}

async function waitUntilRefusing(baseUrl: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const reachable = await fetch(new URL("/_fake/health", baseUrl)).then(
      () => true,
      () => false,
    );
    if (!reachable) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

export interface FakeStripeControl {
  health(): Promise<{ ok: true }>;
  reset(): Promise<void>;
  accounts(): Promise<FakeStripeAccountInfo[]>;
  addAccount(input?: FakeStripeAccountInput): Promise<FakeStripeAccountInfo>;
  addKey(accountId: string, input?: FakeStripeKeyInput): Promise<FakeStripeKey>;
  /** Endpoints registered through the API, with their signing secrets. */
  webhookEndpoints(accountId: string): Promise<Array<Stripe.WebhookEndpoint & { secret: string }>>;
  /** Seeds objects; a checkout session may carry `line_items` (list or array) to serve from `/line_items`. */
  seed(accountId: string, ...objects: SeedableStripeObject[]): Promise<void>;
  seedCheckoutSession(
    accountId: string,
    session: Stripe.Checkout.Session,
    lineItems?: Stripe.LineItem[],
  ): Promise<void>;
  getObject<T = unknown>(accountId: string, id: string): Promise<T>;
  seedEvents(accountId: string, ...events: Stripe.Event[]): Promise<void>;
  sendEvent(
    accountId: string,
    event: Stripe.Event,
    options?: { store?: boolean; timeoutMs?: number },
  ): Promise<StripeWebhookDelivery[]>;
  requests(filter?: { path?: string; method?: string; accountId?: string }): Promise<RecordedStripeRequest[]>;
  clearRequests(): Promise<void>;
  deliveries(): Promise<StripeWebhookDelivery[]>;
  failNext(matcher: ControlMatcher, action: StripeFailureAction): Promise<StripeFailureRule>;
  /** Replaces the chaos: one config, several side by side (the first whose path/method matches decides), or none. */
  setChaos(config: StripeChaosControlInput | StripeChaosControlInput[] | null): Promise<void>;
  /** Clears queued failures and chaos. */
  clearFailures(): Promise<void>;
  /** The demo stream for the account's endpoints created from now on; null: off, running streams stopped. */
  setDemoStream(settings: DemoStreamSettings | null): Promise<DemoStreamStatus>;
  demoStreams(): Promise<DemoStreamStatus>;
}

/** Chaos over HTTP: like `StripeChaosConfig` but with a string `path` / `pathRegex`. */
export type StripeChaosControlInput = Omit<StripeChaosConfig, "path"> & { path?: string; pathRegex?: string };

export function createFakeStripeControl(baseUrl: string): FakeStripeControl {
  const account = (id: string) => `/accounts/${encodeURIComponent(id)}`;
  return {
    health: () => call(baseUrl, "GET", "/health"),
    reset: async () => void (await call(baseUrl, "POST", "/reset")),
    accounts: () => call(baseUrl, "GET", "/accounts"),
    addAccount: (input = {}) => call(baseUrl, "POST", "/accounts", input),
    addKey: (accountId, input = {}) => call(baseUrl, "POST", `${account(accountId)}/keys`, input),
    webhookEndpoints: (accountId) => call(baseUrl, "GET", `${account(accountId)}/webhook_endpoints`),
    seed: async (accountId, ...objects) => void (await call(baseUrl, "POST", `${account(accountId)}/objects`, objects)),
    seedCheckoutSession: async (accountId, session, lineItems) =>
      void (await call(baseUrl, "POST", `${account(accountId)}/objects`, [
        lineItems ? { ...session, line_items: lineItems } : session,
      ])),
    getObject: (accountId, id) => call(baseUrl, "GET", `${account(accountId)}/objects/${encodeURIComponent(id)}`),
    seedEvents: async (accountId, ...events) =>
      void (await call(baseUrl, "POST", `${account(accountId)}/events`, events)),
    sendEvent: async (accountId, event, options = {}) =>
      (
        await call<{ deliveries: StripeWebhookDelivery[] }>(baseUrl, "POST", `${account(accountId)}/events/send`, {
          event,
          ...options,
        })
      ).deliveries,
    requests: (filter = {}) =>
      call(
        baseUrl,
        "GET",
        `/requests${query({ path: filter.path, method: filter.method, account: filter.accountId })}`,
      ),
    clearRequests: async () => void (await call(baseUrl, "DELETE", "/requests")),
    deliveries: () => call(baseUrl, "GET", "/deliveries"),
    failNext: (matcher, action) => call(baseUrl, "POST", "/failures", { ...matcher, action }),
    setChaos: (config) => setChaos(baseUrl, config),
    clearFailures: async () => void (await call(baseUrl, "DELETE", "/failures")),
    setDemoStream: (settings) =>
      settings === null ? call(baseUrl, "DELETE", "/demo-stream") : call(baseUrl, "POST", "/demo-stream", settings),
    demoStreams: () => call(baseUrl, "GET", "/demo-stream"),
  };
}

/** `POST /chaos` takes one config or an array (`[]` turns chaos off, as DELETE does for null). */
async function setChaos(baseUrl: string, config: object | object[] | null): Promise<void> {
  if (config === null) await call(baseUrl, "DELETE", "/chaos");
  else await call(baseUrl, "POST", "/chaos", config);
}

/** Chaos over HTTP: like `ImpactChaosConfig` but with a string `path` / `pathRegex`. */
export type ImpactChaosControlInput = Omit<ImpactChaosConfig, "path"> & { path?: string; pathRegex?: string };

/** `GET /_fake/failures`: queued rules and every active chaos config, in order (empty when off). */
export type ImpactFailureState = {
  rules: ImpactFailureRule[];
  /** A RegExp path comes back as its source between slashes (`String(regex)`). */
  chaos: Array<Omit<ImpactChaosConfig, "path"> & { path?: string }>;
};

// JSON has no Infinity: the fake writes "never" as null, and JSON.stringify turns Infinity into null on the way in.
const never = (value: number | null): number => value ?? Infinity;

function timingFromJson(timing: { inProgressAfterMs: number | null; completeAfterMs: number | null }) {
  return { inProgressAfterMs: never(timing.inProgressAfterMs), completeAfterMs: never(timing.completeAfterMs) };
}

type SubmissionJson = Omit<ImpactSubmission, "inProgressAt" | "completeAt"> & {
  inProgressAt: number | null;
  completeAt: number | null;
};

export interface FakeImpactControl {
  health(): Promise<{ ok: true }>;
  reset(): Promise<void>;
  accounts(): Promise<FakeImpactAccount[]>;
  addAccount(input: FakeImpactAccountInput): Promise<FakeImpactAccount>;
  requests(filter?: ImpactRequestFilter): Promise<RecordedImpactRequest[]>;
  clearRequests(): Promise<void>;
  /** Every submission handed out as QUEUED, oldest first, with its status now (a stalled one's `completeAt` is Infinity). */
  submissions(): Promise<ImpactSubmission[]>;
  /** How submissions queued from now on progress (`completeAfterMs: Infinity`: never complete). */
  submissionTiming(): Promise<ImpactSubmissionTiming>;
  /** Changes the timing of submissions queued from now on (earlier ones keep theirs); returns the new timing. */
  setSubmissionTiming(timing: Partial<ImpactSubmissionTiming>): Promise<ImpactSubmissionTiming>;
  /**
   * Submissions queued from now on that match `when` complete with this ErrorType / ErrorReason (the
   * conversion itself is still answered QUEUED), e.g. `{ when: { actionTrackerId: "9999" }, errorType:
   * "Validation", errorReason: "ACTIONTRACKER_NOT_FOUND" }`.
   */
  rejectSubmissions(
    input: ImpactSubmissionRuleInput & { errorType: string; errorReason: string },
  ): Promise<ImpactSubmissionRule>;
  /** Matching submissions queued from now on never complete (stay `In Progress`). */
  stallSubmissions(input?: ImpactSubmissionRuleInput): Promise<ImpactSubmissionRule>;
  submissionRules(): Promise<ImpactSubmissionRule[]>;
  /** Drops the reject and stall rules (submissions already queued keep their outcome). */
  clearSubmissionRules(): Promise<void>;
  failNext(matcher: ControlMatcher, action: ImpactFailureAction): Promise<ImpactFailureRule>;
  /** Queued failure rules and the active chaos configs. */
  failures(): Promise<ImpactFailureState>;
  /**
   * Replaces the chaos: one config, several side by side (the first whose path/method matches a request
   * decides it, each with its own seeded sequence), or none (`null` or `[]`).
   */
  setChaos(config: ImpactChaosControlInput | ImpactChaosControlInput[] | null): Promise<void>;
  /** Clears queued failures and chaos. */
  clearFailures(): Promise<void>;
  /** `refuse` needs `forMs` over HTTP: the control endpoints stop answering too. */
  setDown(mode: "reset" | "refuse" | false, options?: { forMs?: number }): Promise<void>;
}

export function createFakeImpactControl(baseUrl: string): FakeImpactControl {
  return {
    health: () => call(baseUrl, "GET", "/health"),
    reset: async () => void (await call(baseUrl, "POST", "/reset")),
    accounts: () => call(baseUrl, "GET", "/accounts"),
    addAccount: (input) => call(baseUrl, "POST", "/accounts", input),
    requests: (filter = {}) =>
      call(
        baseUrl,
        "GET",
        `/requests${query({ path: filter.path, method: filter.method, sid: filter.sid, status: filter.status })}`,
      ),
    clearRequests: async () => void (await call(baseUrl, "DELETE", "/requests")),
    submissions: async () =>
      (await call<SubmissionJson[]>(baseUrl, "GET", "/submissions")).map((submission) => ({
        ...submission,
        inProgressAt: never(submission.inProgressAt),
        completeAt: never(submission.completeAt),
      })),
    submissionTiming: async () => timingFromJson(await call(baseUrl, "GET", "/submission-timing")),
    setSubmissionTiming: async (timing) => timingFromJson(await call(baseUrl, "POST", "/submission-timing", timing)),
    rejectSubmissions: (input) => call(baseUrl, "POST", "/submission-rules", { ...input, kind: "reject" }),
    stallSubmissions: (input = {}) => call(baseUrl, "POST", "/submission-rules", { ...input, kind: "stall" }),
    submissionRules: () => call(baseUrl, "GET", "/submission-rules"),
    clearSubmissionRules: async () => void (await call(baseUrl, "DELETE", "/submission-rules")),
    failNext: (matcher, action) => call(baseUrl, "POST", "/failures", { ...matcher, action }),
    failures: () => call(baseUrl, "GET", "/failures"),
    setChaos: (config) => setChaos(baseUrl, config),
    clearFailures: async () => void (await call(baseUrl, "DELETE", "/failures")),
    async setDown(mode, options = {}) {
      if (mode === false) return void (await call(baseUrl, "POST", "/up"));
      await call(baseUrl, "POST", "/down", { mode, ...options });
      // The fake stops listening just after answering; return only once it really refuses.
      if (mode === "refuse") await waitUntilRefusing(baseUrl);
    },
  };
}

export interface FakeAdvocateControl {
  health(): Promise<{ ok: true }>;
  reset(): Promise<void>;
  tenants(): Promise<FakeAdvocateTenantInfo[]>;
  addTenant(input: FakeAdvocateTenantInput): Promise<FakeAdvocateTenantInfo>;
  tenant(alias: string): Promise<FakeAdvocateTenantInfo>;
  /** Adds a reward or replaces the one with its id; answers it as the API would (statuses derived). */
  setReward(alias: string, input: FakeAdvocateRewardInput): Promise<FakeAdvocateReward>;
  setUser(alias: string, input: FakeAdvocateUserInput): Promise<FakeAdvocateUser>;
  subscriptions(alias: string): Promise<FakeAdvocateSubscription[]>;
  /** Signs and POSTs the event to the tenant's subscriptions (or only `endpointUrl`); answers each delivery. */
  sendWebhook(
    alias: string,
    input: FakeAdvocateWebhookInput,
    options?: { endpointUrl?: string; signatureStyle?: AdvocateSignatureStyle },
  ): Promise<AdvocateWebhookDelivery[]>;
  signBody(body: string, signatureStyle?: AdvocateSignatureStyle): Promise<string>;
  rotateSigningKey(options?: { keepPrevious?: boolean }): Promise<string>;
  requests(filter?: AdvocateRequestFilter): Promise<RecordedAdvocateRequest[]>;
  clearRequests(): Promise<void>;
  deliveries(): Promise<AdvocateWebhookDelivery[]>;
  failNext(matcher: ControlMatcher, action: AdvocateFailureAction): Promise<AdvocateFailureRule>;
  clearFailures(): Promise<void>;
}

export function createFakeAdvocateControl(baseUrl: string): FakeAdvocateControl {
  const tenant = (alias: string) => `/tenants/${encodeURIComponent(alias)}`;
  return {
    health: () => call(baseUrl, "GET", "/health"),
    reset: async () => void (await call(baseUrl, "POST", "/reset")),
    tenants: () => call(baseUrl, "GET", "/tenants"),
    addTenant: (input) => call(baseUrl, "POST", "/tenants", input),
    tenant: (alias) => call(baseUrl, "GET", tenant(alias)),
    setReward: (alias, input) => call(baseUrl, "POST", `${tenant(alias)}/rewards`, input),
    setUser: (alias, input) => call(baseUrl, "POST", `${tenant(alias)}/users`, input),
    subscriptions: (alias) => call(baseUrl, "GET", `${tenant(alias)}/subscriptions`),
    sendWebhook: async (alias, input, options = {}) =>
      (
        await call<{ deliveries: AdvocateWebhookDelivery[] }>(baseUrl, "POST", `${tenant(alias)}/webhooks`, {
          ...input,
          ...options,
        })
      ).deliveries,
    signBody: async (body, signatureStyle) =>
      (await call<{ signature: string }>(baseUrl, "POST", "/sign", { body, signatureStyle })).signature,
    rotateSigningKey: async (options = {}) =>
      (await call<{ kid: string }>(baseUrl, "POST", "/signing-keys/rotate", options)).kid,
    requests: (filter = {}) =>
      call(
        baseUrl,
        "GET",
        `/requests${query({ path: filter.path, method: filter.method, tenant: filter.tenant, status: filter.status })}`,
      ),
    clearRequests: async () => void (await call(baseUrl, "DELETE", "/requests")),
    deliveries: () => call(baseUrl, "GET", "/deliveries"),
    failNext: (matcher, action) => call(baseUrl, "POST", "/failures", { ...matcher, action }),
    clearFailures: async () => void (await call(baseUrl, "DELETE", "/failures")),
  };
}
