import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import Stripe from "stripe";
import { type ParamObject, ParamSyntaxError, parseNestedParams } from "@/testing/fakes/shared/nested-params";
import { BodyTooLargeError, readBody } from "@/testing/fakes/shared/read-body";
import { sendJson } from "@/testing/fakes/shared/send";
import { assertPermission, authenticate, readApiKey } from "@/testing/fakes/stripe/authenticate";
import { invalidRequest, type StripeErrorBody, StripeHttpError } from "@/testing/fakes/stripe/errors";
import { randomBase62 } from "@/testing/fakes/stripe/ids";
import { findStripeRoute } from "@/testing/fakes/stripe/routes";
import type { FakeStripeState } from "@/testing/fakes/stripe/state";
import type { RecordedStripeRequest, StripeFailureAction } from "@/testing/fakes/stripe/types";

/** Serves one `/v1/...` request: record → injected failure → route → auth → idempotency → handler. */
export async function handleStripeApiRequest(
  state: FakeStripeState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const path = url.pathname;
  const apiKey = readApiKey(req.headers);
  const record: RecordedStripeRequest = {
    seq: ++state.counters.request,
    time: new Date().toISOString(),
    method,
    path,
    query: {},
    body: {},
    apiKey,
    accountId: apiKey ? (state.keys.get(apiKey)?.accountId ?? null) : null,
    route: null,
    idempotencyKey: header(req, "idempotency-key"),
    stripeVersion: header(req, "stripe-version"),
    status: null,
  };
  state.requests.push(record);
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    record.status = status;
    sendJson(res, status, body, {
      "request-id": `req_${randomBase62(14)}`,
      "stripe-version": record.stripeVersion ?? Stripe.API_VERSION,
      ...headers,
    });
  };

  let rawBody = "";
  try {
    rawBody = method === "POST" ? await readBody(req) : "";
    record.query = parseNestedParams(url.search.slice(1));
    record.body = parseNestedParams(rawBody);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer(413, errorBody("Request body too large."));
    if (error instanceof ParamSyntaxError)
      return answer(400, invalidRequest(error.message, { param: error.param }).body);
    throw error;
  }

  const found = safeFindRoute(method, path);
  if (found && "route" in found) record.route = found.route.name;
  const failure = state.failures.take(method, path, rawBody);
  if (failure) {
    record.injected = failure.source;
    const save = (status: number, body: unknown, headers: Record<string, string>) => {
      if (method === "POST" && apiKey && record.idempotencyKey) {
        state.idempotency.set(`${apiKey}:${record.idempotencyKey}`, { method, path, rawBody, status, body, headers });
      }
    };
    const handled = await applyFailure(failure.action, res, answer, save);
    if (handled) return;
  }

  try {
    if (!found || "methodNotAllowed" in found) {
      throw invalidRequest(
        `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        { status: 404 },
      );
    }
    const key = authenticate(state, apiKey);
    assertPermission(state, key, found.route.name);
    const params: ParamObject = method === "POST" ? record.body : record.query;

    const idempotencyId = method === "POST" && record.idempotencyKey ? `${key.key}:${record.idempotencyKey}` : null;
    const previous = idempotencyId ? state.idempotency.get(idempotencyId) : undefined;
    if (previous) {
      if (previous.path !== path || previous.method !== method || previous.rawBody !== rawBody) {
        throw new StripeHttpError(400, {
          error: {
            type: "idempotency_error",
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${record.idempotencyKey}' if you meant to execute a different request.`,
          },
        });
      }
      return answer(previous.status, previous.body, { ...previous.headers, "idempotent-replayed": "true" });
    }

    const remember = (status: number, body: unknown) => {
      // Stripe saves the answer once the endpoint began executing, whatever it is (500s included), and
      // replays it for a reused key.
      if (idempotencyId) state.idempotency.set(idempotencyId, { method, path, rawBody, status, body });
    };
    try {
      const account = state.accounts.get(key.accountId);
      if (!account) throw invalidRequest("Account not found", { status: 401 });
      const body = found.route.handle({
        state,
        account,
        key,
        livemode: key.livemode,
        params,
        pathParams: found.pathParams,
      });
      remember(200, body);
      return answer(200, body);
    } catch (error) {
      if (error instanceof StripeHttpError) remember(error.status, error.body);
      throw error;
    }
  } catch (error) {
    if (error instanceof StripeHttpError) return answer(error.status, error.body, error.headers);
    throw error;
  }
}

/** Returns true when the failure fully answered (or dropped) the request. */
async function applyFailure(
  action: StripeFailureAction,
  res: ServerResponse,
  answer: (status: number, body: unknown, headers?: Record<string, string>) => void,
  saveForIdempotency: (status: number, body: unknown, headers: Record<string, string>) => void,
): Promise<boolean> {
  switch (action.kind) {
    case "reset":
      res.socket?.destroy();
      return true;
    case "hang":
      if (action.ms === undefined) return true; // never answered; closed when the client or the fake gives up
      await delay(action.ms);
      return res.destroyed;
    case "error": {
      const status = action.status;
      const type =
        action.type ?? (status === 429 ? "rate_limit_error" : status >= 500 ? "api_error" : "invalid_request_error");
      const body: StripeErrorBody = {
        error: { type, message: action.message ?? `Injected failure (HTTP ${status}) from the fake Stripe.` },
      };
      if (action.code) body.error.code = action.code;
      const shouldRetry = action.shouldRetry === undefined ? false : action.shouldRetry;
      const headers: Record<string, string> =
        shouldRetry === null ? {} : { "stripe-should-retry": String(shouldRetry) };
      if (action.savedForIdempotency) saveForIdempotency(status, body, headers);
      answer(status, body, headers);
      return true;
    }
  }
}

function safeFindRoute(method: string, path: string): ReturnType<typeof findStripeRoute> {
  try {
    return findStripeRoute(method, path);
  } catch {
    // A malformed %-escape in an id: Stripe answers 404 for it too.
    return undefined;
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

function errorBody(message: string): StripeErrorBody {
  return { error: { type: "invalid_request_error", message } };
}
