// Shared transport for impact.com Advocate's (SaaSquatch) REST API: HTTP Basic with an empty user name and
// the tenant's API key as password, JSON both ways, a timeout, and every outcome returned as data with the
// exchange recorded (never the key), so callers can store it as an attempt and classify it without try/catch.
import type { z } from "zod";
import { getEnv } from "@/lib/env";
import { describeFetchError, type HttpExchange, truncateBody } from "@/lib/http/http-exchange";

export const ADVOCATE_TIMEOUT_MS = 15_000;

export type AdvocateCredentials = { tenantAlias: string; apiKey: string };

export type AdvocateExchange = HttpExchange;

export type AdvocateFailureKind =
  | "unauthorized"
  | "not_found"
  | "rate_limited"
  | "server"
  | "client"
  | "network"
  | "invalid_response";

export type AdvocateFailure = {
  kind: AdvocateFailureKind;
  /** The HTTP status, null when no answer arrived. */
  status: number | null;
  /** Advocate's own `message` when it sent one, else a description of what went wrong. */
  message: string;
  /** From Retry-After on a 429 (seconds or an HTTP date). */
  retryAfterMs?: number;
  /** Advocate's `apiErrorCode` when it sent one. */
  apiErrorCode?: string;
};

export type AdvocateResult<T> =
  | { ok: true; value: T; exchange: AdvocateExchange }
  | { ok: false; failure: AdvocateFailure; exchange: AdvocateExchange };

export type AdvocateRequest<T> = {
  method: "GET" | "POST" | "DELETE";
  /** Below `/api/v1/{tenant}`, starting with "/"; each dynamic segment already encodeURIComponent'ed. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Parses a 2xx answer's JSON (undefined for an empty body); a mismatch is `invalid_response`. */
  schema: z.ZodType<T>;
  timeoutMs?: number;
};

/** `{ADVOCATE_API_BASE_URL}/api/v1/{tenant}{path}`; the tenant alias is percent-encoded as one segment. */
export function advocateUrl(tenantAlias: string, path: string): string {
  if (!path.startsWith("/")) throw new Error(`Advocate paths start with "/": ${JSON.stringify(path).slice(0, 100)}`);
  const base = getEnv().ADVOCATE_API_BASE_URL.replace(/\/+$/, "");
  return `${base}/api/v1/${encodeURIComponent(tenantAlias)}${path}`;
}

/** `Basic base64(":" + apiKey)`: Advocate reads the key as the password of an empty user name. */
export function advocateAuthorization(apiKey: string): string {
  return `Basic ${Buffer.from(`:${apiKey}`).toString("base64")}`;
}

/** One call to Advocate; never throws for anything the network or Advocate does. */
export async function advocateRequest<T>(
  credentials: AdvocateCredentials,
  request: AdvocateRequest<T>,
): Promise<AdvocateResult<T>> {
  const url = advocateUrl(credentials.tenantAlias, request.path);
  const requestBody = request.body === undefined ? "" : JSON.stringify(request.body);
  const timeoutMs = request.timeoutMs ?? ADVOCATE_TIMEOUT_MS;
  // The key travels only in the Authorization header, which is not recorded; masking it in the bodies
  // too covers an upstream that echoes it back.
  const redact = (text: string) => (credentials.apiKey ? text.split(credentials.apiKey).join("***") : text);
  const started = performance.now();
  const exchange = (responseStatus: number | null, responseBody: string | null, error: string | null) => ({
    method: request.method,
    url,
    requestBody: redact(requestBody),
    responseStatus,
    responseBody: responseBody === null ? null : truncateBody(redact(responseBody)),
    durationMs: Math.round(performance.now() - started),
    error,
  });

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: {
        Authorization: advocateAuthorization(credentials.apiKey),
        Accept: "application/json",
        ...(request.body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: request.body === undefined ? undefined : requestBody,
      signal: AbortSignal.timeout(timeoutMs),
      cache: "no-store",
    });
    text = await response.text();
  } catch (error) {
    const message = describeFetchError(error, timeoutMs);
    return { ok: false, failure: { kind: "network", status: null, message }, exchange: exchange(null, null, message) };
  }

  const recorded = exchange(response.status, text, null);
  const json = parseJson(text);
  if (!response.ok) return { ok: false, failure: failureOf(response, json), exchange: recorded };
  if (json === INVALID_JSON) {
    return {
      ok: false,
      failure: { kind: "invalid_response", status: response.status, message: "Advocate answered with invalid JSON" },
      exchange: recorded,
    };
  }
  const parsed = request.schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    return {
      ok: false,
      failure: {
        kind: "invalid_response",
        status: response.status,
        message: `Advocate answered with an unexpected shape${where}: ${issue?.message ?? "invalid"}`,
      },
      exchange: recorded,
    };
  }
  return { ok: true, value: parsed.data, exchange: recorded };
}

const INVALID_JSON = Symbol("invalid JSON");

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

/** Maps an error answer to its kind, keeping Advocate's `{statusCode, message, apiErrorCode}` when present. */
export function failureOf(response: Response, json: unknown): AdvocateFailure {
  const status = response.status;
  const body = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
  const upstreamMessage = typeof body.message === "string" && body.message.trim() ? body.message.trim() : undefined;
  const apiErrorCode = typeof body.apiErrorCode === "string" ? body.apiErrorCode : undefined;
  const base = { status, ...(apiErrorCode ? { apiErrorCode } : {}) };
  const message = (fallback: string) => upstreamMessage ?? fallback;
  if (status === 401 || status === 403) {
    return { ...base, kind: "unauthorized", message: message("invalid Advocate API key") };
  }
  if (status === 404) return { ...base, kind: "not_found", message: message("not found in Advocate") };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    return {
      ...base,
      kind: "rate_limited",
      message: message("Advocate rate limit reached"),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status >= 500) return { ...base, kind: "server", message: message(`Advocate answered ${status}`) };
  return { ...base, kind: "client", message: message(`Advocate refused the request (${status})`) };
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
