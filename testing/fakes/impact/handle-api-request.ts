import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { authenticateImpact, readBasicAuth } from "@/testing/fakes/impact/authenticate";
import { companyInformation, toXml } from "@/testing/fakes/impact/company-information";
import type { FakeImpactState } from "@/testing/fakes/impact/state";
import { createSubmission, submissionUri, toApiSubmission } from "@/testing/fakes/impact/submissions";
import type {
  FakeImpactAccount,
  ImpactFailureAction,
  RecordedImpactRequest,
  StoredImpactSubmission,
} from "@/testing/fakes/impact/types";
import {
  type ImpactFieldError,
  validateActionReversal,
  validateActionUpdate,
  validateConversion,
} from "@/testing/fakes/impact/validate-params";
import { BodyTooLargeError, readBody } from "@/testing/fakes/shared/read-body";
import { sendJson, sendText } from "@/testing/fakes/shared/send";

type Answer = (status: number, body: unknown, headers?: Record<string, string>) => void;

const ROUTE =
  /^\/Advertisers\/(?<sid>[^/]+)\/(?<resource>CompanyInformation|Conversions|Actions|APISubmissions\/(?<submission>[^/]+))\/?$/;
const METHODS: Record<string, string[]> = {
  CompanyInformation: ["GET"],
  Conversions: ["POST"],
  Actions: ["PUT", "DELETE"],
  APISubmissions: ["GET"],
};

/** Serves one impact.com API request: record → outage/failure injection → route → auth → handler. */
export async function handleImpactApiRequest(
  state: FakeImpactState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const started = Date.now();
  const method = (req.method ?? "GET").toUpperCase();
  const credentials = readBasicAuth(req.headers);
  const record: RecordedImpactRequest = {
    seq: ++state.counters.request,
    time: new Date(started).toISOString(),
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    params: {},
    headers: redactHeaders(req.headers),
    authSid: credentials?.sid ?? null,
    authToken: credentials?.token ?? null,
    status: null,
    outcome: "pending",
  };
  state.requests.push(record);
  res.on("close", () => {
    if (!res.writableFinished) record.clientDisconnected = true;
  });
  const answer: Answer = (status, body, headers = {}) => {
    record.status = status;
    record.outcome = "answered";
    record.responseBody = body;
    record.durationMs = Date.now() - started;
    if (res.destroyed) record.clientDisconnected = true;
    if (typeof body === "string") sendText(res, status, body, "application/xml; charset=utf-8", headers);
    else sendJson(res, status, body, headers);
  };

  if (state.down === "reset") {
    record.outcome = "reset";
    res.socket?.destroy();
    return;
  }
  let bodyText: string;
  try {
    bodyText = await readBody(req);
    record.params = parseParams(bodyText, req.headers["content-type"]);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer(413, errorEnvelope("Request body too large"));
    return answer(400, errorEnvelope(error instanceof Error ? error.message : "Malformed request body"));
  }

  const failure = state.failures.take(method, url.pathname, bodyText);
  if (failure) {
    record.injected = failure.source;
    if (await applyFailure(failure.action, record, res, answer)) return;
  }

  const match = ROUTE.exec(url.pathname);
  if (!match?.groups) return answer(404, errorEnvelope(`No resource at ${url.pathname}`));
  const resource = match.groups.submission ? "APISubmissions" : (match.groups.resource as string);
  if (!METHODS[resource]?.includes(method))
    return answer(405, errorEnvelope(`${method} is not allowed on ${resource}`));
  const auth = authenticateImpact(state, credentials, decodeSegment(match.groups.sid ?? ""));
  if (!auth.ok) {
    const headers: Record<string, string> =
      auth.status === 401 ? { "www-authenticate": 'Basic realm="impact.com"' } : {};
    return answer(auth.status, errorEnvelope(auth.message), headers);
  }
  // Query and form parameters are both honoured by impact.com (DELETE usually carries them in the query).
  const params = { ...record.query, ...record.params };
  const wantsJson = (req.headers.accept ?? "").includes("json");
  // impact.com echoes what it was sent; a DELETE usually sends it all in the query.
  const sent = { params, payload: bodyText !== "" ? bodyText : url.search.slice(1) };

  switch (resource) {
    case "CompanyInformation": {
      const info = companyInformation(auth.account);
      return wantsJson ? answer(200, info) : answer(200, toXml("CompanyInformation", info));
    }
    case "Conversions":
      return submit(state, auth.account, "conversion", sent, validateConversion(params), answer);
    case "Actions":
      return method === "PUT"
        ? submit(state, auth.account, "action-update", sent, validateActionUpdate(params), answer)
        : submit(state, auth.account, "action-reversal", sent, validateActionReversal(params), answer);
    case "APISubmissions": {
      const id = decodeSegment(match.groups.submission ?? "");
      const submission = state.submissions.get(id);
      // Another account's batch is as unknown as a made-up id: impact.com does not reveal it exists.
      if (!submission || submission.sid !== auth.account.sid) {
        return answer(404, errorEnvelope(`APISubmission ${id} was not found`));
      }
      const view = toApiSubmission(submission);
      return wantsJson ? answer(200, view) : answer(200, toXml("APISubmission", view));
    }
  }
}

function submit(
  state: FakeImpactState,
  account: FakeImpactAccount,
  kind: StoredImpactSubmission["kind"],
  sent: { params: Record<string, string>; payload: string },
  errors: ImpactFieldError[],
  answer: Answer,
): void {
  if (errors.length > 0) {
    answer(400, { Status: "ERROR", Message: errors.map((error) => error.Message).join("; "), Errors: errors });
    return;
  }
  const submission = createSubmission(
    { sid: account.sid, kind, ...sent },
    state.submissionTiming,
    state.submissionRules,
  );
  state.submissions.set(submission.id, submission);
  answer(200, { Status: "QUEUED", QueuedUri: submissionUri(submission) });
}

/** Returns true when the failure answered (or dropped, or parked) the request. */
async function applyFailure(
  action: ImpactFailureAction,
  record: RecordedImpactRequest,
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
      // A slow answer, still processed afterwards even if the client gave up: impact.com would too.
      await delay(action.ms);
      return false;
    case "rate-limit": {
      const reset =
        action.resetStyle === "epoch" ? Math.ceil(Date.now() / 1000) + action.resetSeconds : action.resetSeconds;
      answer(429, errorEnvelope("Too Many Requests: rate limit exceeded"), {
        "x-ratelimit-limit": "1000",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(reset),
      });
      return true;
    }
    case "error":
      answer(action.status, action.body ?? errorEnvelope(action.message ?? defaultMessage(action.status)));
      return true;
  }
}

function parseParams(text: string, contentType: string | undefined): Record<string, string> {
  if (text.trim() === "") return {};
  if ((contentType ?? "").includes("json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error("Malformed JSON body");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new Error("JSON body must be an object");
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, value === null ? "" : String(value)]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function redactHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = name === "authorization" ? "[redacted]" : Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function errorEnvelope(message: string): { Status: "ERROR"; Message: string } {
  return { Status: "ERROR", Message: message };
}

function defaultMessage(status: number): string {
  if (status === 503) return "Service Unavailable";
  if (status >= 500) return "Internal Server Error";
  return `Request failed with status ${status}`;
}
