import { ControlInputError, type ControlRoute, requireObjectBody } from "@/testing/fakes/shared/control-router";
import { failureControlRoutes } from "@/testing/fakes/shared/failure-control-routes";
import { isJsonObject, toJson } from "@/testing/fakes/shared/json";
import type { DemoStreams } from "@/testing/fakes/stripe/demo-stream";
import { seedEvents, seedObjects } from "@/testing/fakes/stripe/seed";
import { accountInfo, addAccount, addKey, type FakeStripeState, requireAccount } from "@/testing/fakes/stripe/state";
import type {
  FakeStripeAccountInput,
  FakeStripeKeyInput,
  RecordedStripeRequest,
  StripeFailureAction,
} from "@/testing/fakes/stripe/types";
import { deliverEvent } from "@/testing/fakes/stripe/webhook-delivery";

export interface StripeControlHooks {
  /** Restores the fake to its start-up state (the accounts passed in the options). */
  reset(): void;
  demo: DemoStreams;
}

/** The `/_fake/...` endpoints that let a test in another process (Playwright) drive the fake Stripe. */
export function stripeControlRoutes(state: FakeStripeState, hooks: StripeControlHooks): ControlRoute[] {
  return [
    { method: "GET", pattern: /^\/health$/, handle: () => ({ ok: true, fake: "stripe" }) },
    {
      method: "POST",
      pattern: /^\/reset$/,
      handle: () => {
        hooks.reset();
        return { ok: true };
      },
    },
    {
      method: "GET",
      pattern: /^\/accounts$/,
      handle: () => [...state.accounts.keys()].map((id) => accountInfo(state, id)),
    },
    {
      method: "POST",
      pattern: /^\/accounts$/,
      handle: ({ body }) => addAccount(state, requireObjectBody(body ?? {}) as FakeStripeAccountInput),
    },
    {
      method: "POST",
      pattern: /^\/accounts\/(?<account>[^/]+)\/keys$/,
      handle: ({ body, pathParams }) =>
        addKey(state, accountOf(state, pathParams), requireObjectBody(body ?? {}) as FakeStripeKeyInput),
    },
    {
      method: "GET",
      pattern: /^\/accounts\/(?<account>[^/]+)\/webhook_endpoints$/,
      handle: ({ pathParams }) =>
        requireAccount(state, accountOf(state, pathParams)).webhookEndpoints.map(({ endpoint, secret }) => ({
          ...endpoint,
          secret,
        })),
    },
    {
      method: "POST",
      pattern: /^\/accounts\/(?<account>[^/]+)\/objects$/,
      handle: ({ body, pathParams }) => seedObjects(state, accountOf(state, pathParams), asList(body)),
    },
    {
      method: "GET",
      pattern: /^\/accounts\/(?<account>[^/]+)\/objects\/(?<id>[^/]+)$/,
      handle: ({ pathParams }) => {
        const found = requireAccount(state, accountOf(state, pathParams)).objects.get(pathParams.id ?? "");
        if (!found) throw new ControlInputError(`No object ${pathParams.id}`, 404);
        return found;
      },
    },
    {
      method: "POST",
      pattern: /^\/accounts\/(?<account>[^/]+)\/events$/,
      handle: ({ body, pathParams }) => seedEvents(state, accountOf(state, pathParams), asList(body)),
    },
    {
      method: "POST",
      pattern: /^\/accounts\/(?<account>[^/]+)\/events\/send$/,
      handle: async ({ body, pathParams }) => {
        const input = requireObjectBody(body);
        const accountId = accountOf(state, pathParams);
        const event = toJson(input.event);
        if (!isJsonObject(event)) throw new ControlInputError("Expected { event, store?, timeoutMs? }");
        if (input.store !== false) seedEvents(state, accountId, [event]);
        const timeoutMs = typeof input.timeoutMs === "number" ? input.timeoutMs : undefined;
        return { deliveries: await deliverEvent(state, accountId, event, { timeoutMs }) };
      },
    },
    { method: "GET", pattern: /^\/requests$/, handle: ({ query }) => filterRequests(state.requests, query) },
    {
      method: "DELETE",
      pattern: /^\/requests$/,
      handle: () => {
        state.requests.length = 0;
        return { ok: true };
      },
    },
    { method: "GET", pattern: /^\/deliveries$/, handle: () => state.deliveries },
    { method: "GET", pattern: /^\/demo-stream$/, handle: () => hooks.demo.status() },
    {
      method: "POST",
      pattern: /^\/demo-stream$/,
      handle: ({ body }) => {
        const input = requireObjectBody(body);
        const accountId = accountOf(state, { account: String(input.accountId ?? "") });
        return hooks.demo.configure({ accountId, timeScale: input.timeScale as number | undefined });
      },
    },
    { method: "DELETE", pattern: /^\/demo-stream$/, handle: () => hooks.demo.configure(null) },
    ...failureControlRoutes(state.failures, parseStripeFailureAction),
  ];
}

export interface StripeRequestFilter {
  /** Substring of the path, e.g. `webhook_endpoints`. */
  path?: string;
  method?: string;
  accountId?: string;
}

export function matchStripeRequest(request: RecordedStripeRequest, filter: StripeRequestFilter): boolean {
  if (filter.path && !request.path.includes(filter.path)) return false;
  if (filter.method && request.method !== filter.method.toUpperCase()) return false;
  if (filter.accountId && request.accountId !== filter.accountId) return false;
  return true;
}

function filterRequests(requests: RecordedStripeRequest[], query: URLSearchParams): RecordedStripeRequest[] {
  const filter: StripeRequestFilter = {
    path: query.get("path") ?? undefined,
    method: query.get("method") ?? undefined,
    accountId: query.get("account") ?? undefined,
  };
  return requests.filter((request) => matchStripeRequest(request, filter));
}

/** Validates a failure action received as JSON. */
export function parseStripeFailureAction(value: unknown): StripeFailureAction {
  const action = requireObjectBody(value);
  switch (action.kind) {
    case "error": {
      const status = action.status;
      if (typeof status !== "number" || status < 400 || status > 599) {
        throw new ControlInputError("error action needs a status 400..599");
      }
      return action as StripeFailureAction;
    }
    case "hang":
      if (action.ms !== undefined && (typeof action.ms !== "number" || action.ms < 0)) {
        throw new ControlInputError("hang.ms must be a non-negative number");
      }
      return action as StripeFailureAction;
    case "reset":
      return { kind: "reset" };
    default:
      throw new ControlInputError("action.kind must be error, hang or reset");
  }
}

function accountOf(state: FakeStripeState, pathParams: Record<string, string>): string {
  const id = pathParams.account ?? "";
  if (!state.accounts.has(id)) throw new ControlInputError(`Unknown account ${id}`, 404);
  return id;
}

function asList(body: unknown): unknown[] {
  if (body === undefined) throw new ControlInputError("Expected a JSON object or array body");
  return Array.isArray(body) ? body : [body];
}
