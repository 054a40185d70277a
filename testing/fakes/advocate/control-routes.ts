import type { SigningKeys } from "@/testing/fakes/advocate/signing-keys";
import {
  type FakeAdvocateState,
  putReward,
  putTenant,
  putUser,
  requireTenant,
  rewardView,
  tenantInfo,
} from "@/testing/fakes/advocate/state";
import type {
  AdvocateFailureAction,
  AdvocateRequestFilter,
  AdvocateSignatureStyle,
  FakeAdvocateRewardInput,
  FakeAdvocateTenantInput,
  FakeAdvocateUserInput,
  RecordedAdvocateRequest,
} from "@/testing/fakes/advocate/types";
import { sendWebhook } from "@/testing/fakes/advocate/webhooks";
import { ControlInputError, type ControlRoute, requireObjectBody } from "@/testing/fakes/shared/control-router";
import { failureControlRoutes } from "@/testing/fakes/shared/failure-control-routes";

export type AdvocateControlHooks = { reset(): Promise<void> };

const tenantPath = (rest: string) => new RegExp(`^/tenants/(?<alias>[^/]+)${rest}$`);

/** The `/_fake/...` endpoints that let a test in another process drive the fake Advocate. */
export function advocateControlRoutes(
  state: FakeAdvocateState,
  keys: SigningKeys,
  hooks: AdvocateControlHooks,
): ControlRoute[] {
  const tenant = (alias: string | undefined) => {
    try {
      return requireTenant(state, alias ?? "");
    } catch (error) {
      throw new ControlInputError((error as Error).message, 404);
    }
  };
  return [
    { method: "GET", pattern: /^\/health$/, handle: () => ({ ok: true, fake: "advocate" }) },
    {
      method: "POST",
      pattern: /^\/reset$/,
      handle: async () => {
        await hooks.reset();
        return { ok: true };
      },
    },
    { method: "GET", pattern: /^\/tenants$/, handle: () => [...state.tenants.values()].map(tenantInfo) },
    {
      method: "POST",
      pattern: /^\/tenants$/,
      handle: ({ body }) => tenantInfo(putTenant(state, requireObjectBody(body) as unknown as FakeAdvocateTenantInput)),
    },
    { method: "GET", pattern: tenantPath(""), handle: ({ pathParams }) => tenantInfo(tenant(pathParams.alias)) },
    {
      method: "POST",
      pattern: tenantPath("/users"),
      handle: ({ pathParams, body }) =>
        putUser(tenant(pathParams.alias), requireObjectBody(body) as unknown as FakeAdvocateUserInput),
    },
    {
      method: "POST",
      pattern: tenantPath("/rewards"),
      handle: ({ pathParams, body }) =>
        rewardView(putReward(tenant(pathParams.alias), requireObjectBody(body) as unknown as FakeAdvocateRewardInput)),
    },
    {
      method: "GET",
      pattern: tenantPath("/subscriptions"),
      handle: ({ pathParams }) => tenantInfo(tenant(pathParams.alias)).subscriptions,
    },
    {
      method: "POST",
      pattern: tenantPath("/webhooks"),
      handle: async ({ pathParams, body }) => {
        const input = requireObjectBody(body);
        if (typeof input.type !== "string") throw new ControlInputError("a webhook needs a type");
        const alias = tenant(pathParams.alias).alias;
        const deliveries = await sendWebhook(
          state,
          keys,
          alias,
          { type: input.type, data: input.data, id: optionalString(input.id) },
          {
            endpointUrl: optionalString(input.endpointUrl),
            signatureStyle: optionalString(input.signatureStyle) as AdvocateSignatureStyle | undefined,
          },
        );
        return { deliveries };
      },
    },
    {
      method: "POST",
      pattern: /^\/signing-keys\/rotate$/,
      handle: async ({ body }) => {
        const input = body === undefined ? {} : requireObjectBody(body);
        return { kid: await keys.rotate({ keepPrevious: input.keepPrevious !== false }) };
      },
    },
    {
      method: "POST",
      pattern: /^\/sign$/,
      handle: async ({ body }) => {
        const input = requireObjectBody(body);
        if (typeof input.body !== "string") throw new ControlInputError("sign needs { body: string }");
        const style = optionalString(input.signatureStyle) as AdvocateSignatureStyle | undefined;
        return { signature: await keys.sign(input.body, style), kid: keys.currentKid };
      },
    },
    {
      method: "GET",
      pattern: /^\/requests$/,
      handle: ({ query }) => state.requests.filter((request) => matchAdvocateRequest(request, filterFrom(query))),
    },
    {
      method: "DELETE",
      pattern: /^\/requests$/,
      handle: () => {
        state.requests.length = 0;
        return { ok: true };
      },
    },
    { method: "GET", pattern: /^\/deliveries$/, handle: () => state.deliveries },
    ...failureControlRoutes(state.failures, parseAdvocateFailureAction),
  ];
}

const optionalString = (value: unknown) => (typeof value === "string" ? value : undefined);

export function matchAdvocateRequest(request: RecordedAdvocateRequest, filter: AdvocateRequestFilter): boolean {
  if (filter.path && !request.path.includes(filter.path)) return false;
  if (filter.method && request.method !== filter.method.toUpperCase()) return false;
  if (filter.tenant && request.tenant !== filter.tenant) return false;
  if (filter.status !== undefined && request.status !== filter.status) return false;
  return true;
}

function filterFrom(query: URLSearchParams): AdvocateRequestFilter {
  const status = query.get("status");
  return {
    path: query.get("path") ?? undefined,
    method: query.get("method") ?? undefined,
    tenant: query.get("tenant") ?? undefined,
    status: status === null ? undefined : Number(status),
  };
}

/** Validates a failure action received as JSON. */
export function parseAdvocateFailureAction(value: unknown): AdvocateFailureAction {
  const action = requireObjectBody(value);
  switch (action.kind) {
    case "error":
      if (typeof action.status !== "number" || action.status < 400 || action.status > 599) {
        throw new ControlInputError("error action needs a status 400..599");
      }
      return action as AdvocateFailureAction;
    case "rate-limit":
      if (typeof action.retryAfterSeconds !== "number" || action.retryAfterSeconds < 0) {
        throw new ControlInputError("rate-limit action needs retryAfterSeconds >= 0");
      }
      return action as AdvocateFailureAction;
    case "hang":
      if (action.ms !== undefined && (typeof action.ms !== "number" || action.ms < 0)) {
        throw new ControlInputError("hang.ms must be a non-negative number");
      }
      return action as AdvocateFailureAction;
    case "reset":
      return { kind: "reset" };
    default:
      throw new ControlInputError("action.kind must be error, rate-limit, hang or reset");
  }
}
