import { advocateControlRoutes, matchAdvocateRequest } from "@/testing/fakes/advocate/control-routes";
import { handleAdvocateApiRequest } from "@/testing/fakes/advocate/handle-api-request";
import { createSigningKeys } from "@/testing/fakes/advocate/signing-keys";
import {
  clearAdvocateState,
  createAdvocateState,
  type FakeAdvocateTenant,
  putReward,
  putTenant,
  putUser,
  requireTenant,
  rewardView,
  tenantInfo,
} from "@/testing/fakes/advocate/state";
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
import { type SendWebhookOptions, sendWebhook } from "@/testing/fakes/advocate/webhooks";
import { CONTROL_PREFIX, handleControlRequest } from "@/testing/fakes/shared/control-router";
import type { FailureRuleInput } from "@/testing/fakes/shared/failure-rules";
import { sendJson } from "@/testing/fakes/shared/send";
import { startHttpServer } from "@/testing/fakes/shared/start-http-server";

export type {
  AdvocateChaosConfig,
  AdvocateFailureAction,
  AdvocateFailureRule,
  AdvocateRequestFilter,
  AdvocateSignatureStyle,
  AdvocateWebhookDelivery,
  FakeAdvocateRedemption,
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
export { webhookBody } from "@/testing/fakes/advocate/webhooks";

export type FakeAdvocateOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Tenants present at start and after every `reset()`. */
  tenants?: FakeAdvocateTenantInput[];
  /**
   * Called once the answer to `POST /subscription` is on the wire (the portal has its subscription):
   * the demo sends its rewards' webhooks from here.
   */
  onSubscriptionCreated?: (event: { tenantAlias: string; subscription: FakeAdvocateSubscription }) => void;
};

export type FakeAdvocate = {
  /** `http://127.0.0.1:<port>`: the value for `ADVOCATE_API_BASE_URL`. */
  readonly url: string;
  readonly port: number;
  /** The kid of the key signing webhooks now. */
  readonly signingKid: string;
  addTenant(input: FakeAdvocateTenantInput): FakeAdvocateTenantInfo;
  tenant(alias: string): FakeAdvocateTenantInfo;
  /** Adds a reward (defaults: CREDIT, STRIPE/USD, 1000, given now) or replaces the one with its id. */
  addReward(tenantAlias: string, input: FakeAdvocateRewardInput): FakeAdvocateReward;
  setReward(tenantAlias: string, input: FakeAdvocateRewardInput & { id: string }): FakeAdvocateReward;
  /** The reward as the API answers it now (statuses derived), or undefined. */
  reward(tenantAlias: string, rewardId: string): FakeAdvocateReward | undefined;
  setUser(tenantAlias: string, input: FakeAdvocateUserInput): FakeAdvocateUser;
  subscriptions(tenantAlias: string): FakeAdvocateSubscription[];
  /**
   * Builds the envelope `{id, type, tenantAlias, live, created, data}`, signs its exact bytes with the current
   * key (`X-Hook-JWS-RFC-7797`) and POSTs it to every subscription of the tenant; returns each answer.
   */
  sendWebhook(
    tenantAlias: string,
    input: FakeAdvocateWebhookInput,
    options?: SendWebhookOptions,
  ): Promise<AdvocateWebhookDelivery[]>;
  /** The `X-Hook-JWS-RFC-7797` value for `body` under the current key (for tampering tests). */
  signBody(body: string, style?: AdvocateSignatureStyle): Promise<string>;
  /** A new signing key (new kid); the JWKS keeps the previous one unless `keepPrevious` is false. */
  rotateSigningKey(options?: { keepPrevious?: boolean }): Promise<string>;
  requests(filter?: AdvocateRequestFilter): RecordedAdvocateRequest[];
  clearRequests(): void;
  deliveries(): AdvocateWebhookDelivery[];
  /** Fails the next matching request(s), e.g. `{ path: "/redeem", action: { kind: "error", status: 500 } }`. */
  failNext(input: FailureRuleInput<AdvocateFailureAction>): AdvocateFailureRule;
  clearFailures(): void;
  /** Back to the start-up tenants and signing key; no subscriptions, recordings or failures. */
  reset(): Promise<void>;
  stop(): Promise<void>;
  /** The same as stop, named like the other fakes'. */
  close(): Promise<void>;
};

/** Starts the fake impact.com Advocate (SaaSquatch) API on a real port. */
export async function startFakeAdvocate(options: FakeAdvocateOptions = {}): Promise<FakeAdvocate> {
  const state = createAdvocateState();
  const keys = await createSigningKeys();
  const hooks = {
    keys,
    onSubscriptionCreated: (tenant: FakeAdvocateTenant, subscription: FakeAdvocateSubscription) =>
      options.onSubscriptionCreated?.({ tenantAlias: tenant.alias, subscription }),
  };
  const reset = async () => {
    clearAdvocateState(state);
    keys.reset();
    for (const tenant of options.tenants ?? []) putTenant(state, tenant);
  };
  const controlRoutes = advocateControlRoutes(state, keys, { reset });
  const server = await startHttpServer(
    async (req, res) => {
      const url = new URL(req.url ?? "/", "http://fake-advocate.local");
      if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
        return handleControlRequest(controlRoutes, req, res, url);
      }
      return handleAdvocateApiRequest(state, hooks, req, res, url);
    },
    {
      port: options.port,
      host: options.host,
      onUnhandledError: (res, error) => {
        const message = error instanceof Error ? error.message : String(error);
        sendJson(res, 500, { statusCode: 500, message: `Fake Advocate crashed: ${message}`, apiErrorCode: "FAKE" });
      },
    },
  );
  await reset();

  const close = () => server.close();
  return {
    url: server.url,
    port: server.port,
    get signingKid() {
      return keys.currentKid;
    },
    addTenant: (input) => tenantInfo(putTenant(state, input)),
    tenant: (alias) => tenantInfo(requireTenant(state, alias)),
    addReward: (alias, input) => rewardView(putReward(requireTenant(state, alias), input)),
    setReward: (alias, input) => rewardView(putReward(requireTenant(state, alias), input)),
    reward: (alias, rewardId) => {
      const reward = requireTenant(state, alias).rewards.get(rewardId);
      return reward && rewardView(reward);
    },
    setUser: (alias, input) => putUser(requireTenant(state, alias), input),
    subscriptions: (alias) => tenantInfo(requireTenant(state, alias)).subscriptions,
    sendWebhook: (alias, input, sendOptions) => sendWebhook(state, keys, alias, input, sendOptions),
    signBody: (body, style) => keys.sign(body, style),
    rotateSigningKey: (rotateOptions) => keys.rotate(rotateOptions),
    requests: (filter = {}) => structuredClone(state.requests.filter((r) => matchAdvocateRequest(r, filter))),
    clearRequests: () => {
      state.requests.length = 0;
    },
    deliveries: () => structuredClone(state.deliveries),
    failNext: (input) => state.failures.add(input),
    clearFailures: () => state.failures.clear(),
    reset,
    stop: close,
    close,
  };
}
