import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { advocateError } from "@/testing/fakes/advocate/errors";
import { answerGraphql } from "@/testing/fakes/advocate/graphql";
import { redeemCredit } from "@/testing/fakes/advocate/redeem";
import type { SigningKeys } from "@/testing/fakes/advocate/signing-keys";
import { type FakeAdvocateState, type FakeAdvocateTenant, findUser } from "@/testing/fakes/advocate/state";
import type {
  AdvocateFailureAction,
  FakeAdvocateSubscription,
  RecordedAdvocateRequest,
} from "@/testing/fakes/advocate/types";
import { BodyTooLargeError, readBody } from "@/testing/fakes/shared/read-body";
import { sendJson } from "@/testing/fakes/shared/send";

type Answer = (status: number, body: unknown, headers?: Record<string, string>) => void;

export type AdvocateApiHooks = {
  keys: SigningKeys;
  /** Runs once the answer to a created subscription is on the wire (the demo sends its rewards then). */
  onSubscriptionCreated(tenant: FakeAdvocateTenant, subscription: FakeAdvocateSubscription): void;
};

const TENANT_ROUTE = /^\/api\/v1\/(?<tenant>[^/]+)(?<rest>\/.*)$/;

/** Serves one Advocate API request: record → failure injection → route → auth → handler. */
export async function handleAdvocateApiRequest(
  state: FakeAdvocateState,
  hooks: AdvocateApiHooks,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const started = Date.now();
  const method = (req.method ?? "GET").toUpperCase();
  const tenantMatch = TENANT_ROUTE.exec(url.pathname);
  const record: RecordedAdvocateRequest = {
    seq: ++state.counters.request,
    time: new Date(started).toISOString(),
    method,
    path: url.pathname,
    tenant: tenantMatch?.groups ? decodeSegment(tenantMatch.groups.tenant ?? "") : null,
    body: undefined,
    apiKey: readBasicPassword(req.headers.authorization),
    status: null,
    outcome: "pending",
  };
  state.requests.push(record);
  const answer: Answer = (status, body, headers = {}) => {
    record.status = status;
    record.outcome = "answered";
    record.responseBody = body;
    record.durationMs = Date.now() - started;
    // Advocate's 201 and 204 answers (subscriptions) carry no body.
    if (body === undefined) {
      if (!res.headersSent && !res.destroyed) res.writeHead(status, headers).end();
      return;
    }
    sendJson(res, status, body, headers);
  };

  let bodyText: string;
  try {
    bodyText = await readBody(req);
    record.body = parseBody(bodyText);
  } catch (error) {
    const tooLarge = error instanceof BodyTooLargeError;
    return answer(tooLarge ? 413 : 400, advocateError(tooLarge ? 413 : 400, String(error), "BAD_REQUEST"));
  }

  const failure = state.failures.take(method, url.pathname, bodyText);
  if (failure) {
    record.injected = failure.source;
    if (await applyFailure(failure.action, record, res, answer)) return;
  }

  if (url.pathname === "/.well-known/jwks.json" && method === "GET") return answer(200, hooks.keys.jwks());
  if (!tenantMatch?.groups || record.tenant === null) {
    return answer(404, advocateError(404, `No resource at ${url.pathname}`, "NOT_FOUND"));
  }
  const tenant = state.tenants.get(record.tenant);
  // An unknown tenant and a wrong key look the same from outside, as they do at Advocate.
  if (!tenant || record.apiKey !== tenant.apiKey) {
    return answer(401, advocateError(401, "Invalid API key for this tenant", "UNAUTHORIZED"), {
      "www-authenticate": 'Basic realm="SaaSquatch"',
    });
  }
  const rest = tenantMatch.groups.rest ?? "/";
  const route = (pattern: RegExp, allowed: string) => {
    const match = pattern.exec(rest);
    if (!match) return undefined;
    if (method !== allowed) {
      answer(405, advocateError(405, `${method} is not allowed on ${rest}`, "METHOD_NOT_ALLOWED"));
      return null;
    }
    return Object.fromEntries(Object.entries(match.groups ?? {}).map(([name, value]) => [name, decodeSegment(value)]));
  };

  if (rest === "/subscription") {
    if (method === "GET") return answer(200, tenant.subscriptions.map(subscriptionView));
    if (method === "POST") return createSubscription(tenant, record.body, answer, res, hooks);
    return answer(405, advocateError(405, `${method} is not allowed on /subscription`, "METHOD_NOT_ALLOWED"));
  }
  const deletion = route(/^\/subscription\/(?<endpointUrl>[^/]+)$/, "DELETE");
  if (deletion === null) return;
  if (deletion) {
    const index = tenant.subscriptions.findIndex((each) => each.endpointUrl === deletion.endpointUrl);
    if (index < 0) return answer(404, advocateError(404, "No such webhook subscription", "SUBSCRIPTION_NOT_FOUND"));
    tenant.subscriptions.splice(index, 1);
    return answer(204, undefined);
  }
  const graphql = route(/^\/graphql$/, "POST");
  if (graphql === null) return;
  if (graphql) return answer(200, answerGraphql(tenant, record.body));
  const user = route(/^\/open\/account\/(?<accountId>[^/]+)\/user\/(?<userId>[^/]+)$/, "GET");
  if (user === null) return;
  if (user) {
    const found = findUser(tenant, user.accountId ?? "", user.userId ?? "");
    if (!found) return answer(404, advocateError(404, "User not found", "USER_NOT_FOUND"));
    return answer(200, structuredClone(found));
  }
  const redeem = route(/^\/credit\/(?<rewardId>[^/]+)\/redeem$/, "POST");
  if (redeem === null) return;
  if (redeem) {
    const outcome = redeemCredit(tenant, redeem.rewardId ?? "", record.body);
    return answer(outcome.status, outcome.body);
  }
  return answer(404, advocateError(404, `No resource at ${url.pathname}`, "NOT_FOUND"));
}

function createSubscription(
  tenant: FakeAdvocateTenant,
  body: unknown,
  answer: Answer,
  res: ServerResponse,
  hooks: AdvocateApiHooks,
): void {
  const input = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const endpointUrl = input.endpointUrl;
  if (typeof endpointUrl !== "string" || !URL.canParse(endpointUrl) || !/^https?:/.test(endpointUrl)) {
    answer(400, advocateError(400, "endpointUrl must be an absolute http(s) URL", "INVALID_REQUEST"));
    return;
  }
  const name = typeof input.name === "string" ? input.name : null;
  // Registering the same URL again updates it rather than adding a second delivery target.
  const existing = tenant.subscriptions.find((each) => each.endpointUrl === endpointUrl);
  const subscription = existing ?? { endpointUrl, name, dateCreated: Date.now() };
  subscription.name = name;
  if (!existing) tenant.subscriptions.push(subscription);
  res.once("finish", () => hooks.onSubscriptionCreated(tenant, { ...subscription }));
  // Advocate documents a bare 201 here: clients must not depend on a body.
  answer(201, undefined);
}

const subscriptionView = (subscription: FakeAdvocateSubscription) => ({
  endpointUrl: subscription.endpointUrl,
  name: subscription.name,
  dateCreated: subscription.dateCreated,
});

/** Returns true when the failure answered (or dropped, or parked) the request. */
async function applyFailure(
  action: AdvocateFailureAction,
  record: RecordedAdvocateRequest,
  res: ServerResponse,
  answer: Answer,
): Promise<boolean> {
  switch (action.kind) {
    case "reset":
      record.outcome = "reset";
      res.socket?.destroy();
      return true;
    case "hang":
      if (action.ms === undefined) {
        record.outcome = "hung";
        return true;
      }
      await delay(action.ms);
      return false;
    case "rate-limit":
      answer(429, advocateError(429, "Rate limit exceeded", "RATE_LIMITED"), {
        "retry-after": String(action.retryAfterSeconds),
      });
      return true;
    case "error":
      answer(
        action.status,
        action.body ??
          advocateError(
            action.status,
            action.message ?? (action.status >= 500 ? "Internal server error" : `Request failed (${action.status})`),
            action.apiErrorCode ?? (action.status >= 500 ? "INTERNAL_ERROR" : "REQUEST_FAILED"),
          ),
      );
      return true;
  }
}

/** The password of `Basic base64(user:password)`; Advocate's user name is empty. */
function readBasicPassword(header: string | undefined): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header?.trim() ?? "");
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : decoded.slice(colon + 1);
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
