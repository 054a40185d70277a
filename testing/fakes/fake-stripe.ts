import Stripe from "stripe";
import { CONTROL_PREFIX, handleControlRequest } from "@/testing/fakes/shared/control-router";
import type { FailureRuleInput } from "@/testing/fakes/shared/failure-rules";
import type { JsonObject } from "@/testing/fakes/shared/json";
import { sendJson } from "@/testing/fakes/shared/send";
import { startHttpServer } from "@/testing/fakes/shared/start-http-server";
import {
  matchStripeRequest,
  type StripeRequestFilter,
  stripeControlRoutes,
} from "@/testing/fakes/stripe/control-routes";
import type { DemoImpactPlan } from "@/testing/fakes/stripe/demo-orders";
import { type DemoStreamSettings, type DemoStreamStatus, DemoStreams } from "@/testing/fakes/stripe/demo-stream";
import { handleStripeApiRequest } from "@/testing/fakes/stripe/handle-api-request";
import { type SeedableStripeObject, seedCheckoutLineItems, seedEvents, seedObjects } from "@/testing/fakes/stripe/seed";
import {
  accountInfo,
  addAccount,
  addKey,
  clearStripeState,
  createStripeState,
  requireAccount,
} from "@/testing/fakes/stripe/state";
import type {
  FakeStripeAccountInfo,
  FakeStripeAccountInput,
  FakeStripeKey,
  FakeStripeKeyInput,
  RecordedStripeRequest,
  StripeChaosConfig,
  StripeFailureAction,
  StripeFailureRule,
  StripeRouteName,
  StripeWebhookDelivery,
} from "@/testing/fakes/stripe/types";
import { deliverEvent } from "@/testing/fakes/stripe/webhook-delivery";

export type { StripeRequestFilter } from "@/testing/fakes/stripe/control-routes";
export type { DemoImpactPlan } from "@/testing/fakes/stripe/demo-orders";
export type {
  DemoSentStep,
  DemoStreamSettings,
  DemoStreamStatus,
  DemoStreamView,
} from "@/testing/fakes/stripe/demo-stream";
export { DEFAULT_REQUIRED_PERMISSIONS } from "@/testing/fakes/stripe/permissions";
export type { SeedableStripeObject } from "@/testing/fakes/stripe/seed";
export type {
  FakeStripeAccountInfo,
  FakeStripeAccountInput,
  FakeStripeKey,
  FakeStripeKeyInput,
  RecordedStripeRequest,
  StoredWebhookEndpoint,
  StripeChaosConfig,
  StripeErrorType,
  StripeFailureAction,
  StripeFailureRule,
  StripeRouteName,
  StripeWebhookDelivery,
} from "@/testing/fakes/stripe/types";
export {
  type PostedStripeWebhook,
  type PostStripeWebhookOptions,
  postStripeWebhook,
  type SignedStripeWebhook,
  type SignStripeWebhookOptions,
  signStripeWebhook,
} from "@/testing/fakes/stripe/webhook-delivery";

export interface FakeStripeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Accounts (with keys) present at start and after every `reset()`. */
  accounts?: FakeStripeAccountInput[];
  /** Override which restricted-key permission a route needs. */
  requiredPermissions?: Partial<Record<StripeRouteName, string>>;
  /**
   * The demo stream, on from start-up (and after every `reset()`) for this account's new endpoints
   * (`npm run demo`); absent: off until `setDemoStream` or `POST /_fake/demo-stream` turns it on.
   */
  demoStream?: DemoStreamSettings;
  /** Sets up impact.com's side of the demo's rejected and flaky orders (see `applyDemoImpactPlan`). */
  onDemoImpactPlan?: (plan: DemoImpactPlan) => void | Promise<void>;
  /** Told each demo event as it is sent; silent when absent. */
  onDemoLog?: (message: string) => void;
}

export interface FakeStripe {
  /** `http://127.0.0.1:<port>` — the value for `STRIPE_API_BASE_URL`. */
  readonly url: string;
  readonly port: number;
  /** `{ host, port, protocol }` for `new Stripe(key, config)`. */
  readonly clientConfig: { host: string; port: number; protocol: "http" };
  /** A real SDK client pointed at the fake (network retries off, so injected failures surface at once). */
  client(apiKey: string, config?: Stripe.StripeConfig): Stripe;
  addAccount(input?: FakeStripeAccountInput): FakeStripeAccountInfo;
  addKey(accountId: string, input?: FakeStripeKeyInput): FakeStripeKey;
  account(accountId: string): FakeStripeAccountInfo;
  /** Stores objects (charges, invoices, invoice payments, sessions, customers…); same id replaces. */
  seed(accountId: string, ...objects: SeedableStripeObject[]): void;
  seedCheckoutSession(accountId: string, session: Stripe.Checkout.Session, lineItems?: Stripe.LineItem[]): void;
  /** Adds events to the account's event log (served by `GET /v1/events`). */
  seedEvents(accountId: string, ...events: Stripe.Event[]): void;
  getObject<T = JsonObject>(accountId: string, id: string): T | undefined;
  /** The account's endpoints with their signing secrets (test mode and live mode). */
  webhookEndpoints(accountId: string): Array<Stripe.WebhookEndpoint & { secret: string }>;
  /**
   * Logs the event and POSTs it, signed, to every matching enabled endpoint of the account, like
   * Stripe does; returns each delivery's outcome.
   */
  sendEvent(
    accountId: string,
    event: Stripe.Event,
    options?: { store?: boolean; timeoutMs?: number },
  ): Promise<StripeWebhookDelivery[]>;
  requests(filter?: StripeRequestFilter): RecordedStripeRequest[];
  clearRequests(): void;
  deliveries(): StripeWebhookDelivery[];
  /** Fails the next matching API request(s), e.g. `{ method: 'POST', path: '/v1/webhook_endpoints', action: { kind: 'error', status: 500 } }`. */
  failNext(input: FailureRuleInput<StripeFailureAction>): StripeFailureRule;
  /** Seeded random failures over matching API requests; null turns it off. */
  setChaos(config: StripeChaosConfig | null): void;
  /** Clears queued failures and chaos. */
  clearFailures(): void;
  /** The demo stream for an account's endpoints created from now on; null turns it off and stops running streams. */
  setDemoStream(settings: DemoStreamSettings | null): DemoStreamStatus;
  /** The demo stream's setting and every stream with the steps it sent. */
  demoStreams(): DemoStreamStatus;
  /** Back to the start-up state: the configured accounts and nothing else (demo streams stopped). */
  reset(): void;
  close(): Promise<void>;
}

/** Starts the fake Stripe API on a real port; use with `new Stripe(key, fake.clientConfig)`. */
export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const state = createStripeState(options.requiredPermissions);
  const demo = new DemoStreams(state, { onImpactPlan: options.onDemoImpactPlan, log: options.onDemoLog });
  state.onWebhookEndpointCreated = (accountId, endpointId) => demo.endpointCreated(accountId, endpointId);
  const reset = () => {
    demo.restart(options.demoStream ?? null);
    clearStripeState(state);
    for (const account of options.accounts ?? []) addAccount(state, structuredClone(account));
  };
  reset();
  const controlRoutes = stripeControlRoutes(state, { reset, demo });

  const server = await startHttpServer(
    async (req, res) => {
      const url = new URL(req.url ?? "/", "http://fake-stripe.local");
      if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
        return handleControlRequest(controlRoutes, req, res, url);
      }
      return handleStripeApiRequest(state, req, res, url);
    },
    {
      port: options.port,
      host: options.host,
      onUnhandledError: (res, error) => {
        // The fake must keep serving; report the bug in Stripe's shape so the SDK surfaces it.
        const message = error instanceof Error ? error.message : String(error);
        sendJson(res, 500, { error: { type: "api_error", message: `Fake Stripe crashed: ${message}` } });
      },
    },
  );

  const clientConfig = { host: server.host, port: server.port, protocol: "http" as const };
  return {
    url: server.url,
    port: server.port,
    clientConfig,
    client: (apiKey, config = {}) => new Stripe(apiKey, { maxNetworkRetries: 0, ...config, ...clientConfig }),
    addAccount: (input) => addAccount(state, input),
    addKey: (accountId, input) => addKey(state, accountId, input),
    account: (accountId) => accountInfo(state, accountId),
    seed: (accountId, ...objects) => void seedObjects(state, accountId, objects),
    seedCheckoutSession(accountId, session, lineItems) {
      seedObjects(state, accountId, [session]);
      if (lineItems) seedCheckoutLineItems(state, accountId, session.id, lineItems);
    },
    seedEvents: (accountId, ...events) => void seedEvents(state, accountId, events),
    getObject: <T>(accountId: string, id: string) => {
      const found = requireAccount(state, accountId).objects.get(id);
      return found === undefined ? undefined : (structuredClone(found) as T);
    },
    webhookEndpoints: (accountId) =>
      requireAccount(state, accountId).webhookEndpoints.map(
        ({ endpoint, secret }) =>
          ({ ...structuredClone(endpoint), secret }) as unknown as Stripe.WebhookEndpoint & { secret: string },
      ),
    async sendEvent(accountId, event, sendOptions = {}) {
      const [stored] = seedEvents(state, accountId, [event]);
      if (sendOptions.store === false) {
        const account = requireAccount(state, accountId);
        account.events = account.events.filter((item) => item !== stored);
      }
      return deliverEvent(state, accountId, stored as JsonObject, { timeoutMs: sendOptions.timeoutMs });
    },
    requests: (filter = {}) => structuredClone(state.requests.filter((request) => matchStripeRequest(request, filter))),
    clearRequests: () => {
      state.requests.length = 0;
    },
    deliveries: () => structuredClone(state.deliveries),
    failNext: (input) => state.failures.add(input),
    setChaos: (config) => state.failures.setChaos(config),
    clearFailures: () => state.failures.clear(),
    setDemoStream: (settings) => demo.configure(settings),
    demoStreams: () => demo.status(),
    reset,
    async close() {
      await demo.stopAll();
      await server.close();
    },
  };
}
