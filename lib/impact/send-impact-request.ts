// One HTTP call to impact.com that never throws: the caller classifies the
// outcome and records it as an attempt, so transport errors must come back as data.

import { truncateBody } from "@/lib/http/http-exchange";
import {
  advertiserPath,
  basicAuth,
  IMPACT_TIMEOUT_MS,
  type ImpactCredentials,
  impactUrl,
} from "@/lib/impact/impact-http";
import { redactRecordedRequest } from "@/lib/mapping/redact";

export type ImpactRequest = {
  method: "POST" | "PUT" | "DELETE";
  resource: "Conversions" | "Actions";
  params: Record<string, string>;
};

export type ImpactExchange = {
  /** What was sent, credentials redacted: safe to store and show. */
  recorded: { method: string; url: string; body: string };
  status?: number;
  headers?: Headers;
  /** Response body truncated to 8 KiB. */
  body?: string;
  error?: string;
  durationMs: number;
};

function wireRequest(credentials: ImpactCredentials, request: ImpactRequest) {
  const url = impactUrl(advertiserPath(credentials.accountSid, request.resource));
  const body = new URLSearchParams(request.params).toString();
  const headers = {
    Authorization: basicAuth(credentials),
    Accept: "application/json",
    "Content-Type": "application/x-www-form-urlencoded",
  };
  const redacted = redactRecordedRequest({ method: request.method, url, headers, body });
  return { url, body, headers, recorded: { method: redacted.method, url: redacted.url, body: redacted.body ?? "" } };
}

/** What sendImpactRequest will record for this request (credentials redacted), known before it is sent. */
export function recordedImpactRequest(
  credentials: ImpactCredentials,
  request: ImpactRequest,
): ImpactExchange["recorded"] {
  return wireRequest(credentials, request).recorded;
}

export async function sendImpactRequest(
  credentials: ImpactCredentials,
  request: ImpactRequest,
  timeoutMs = IMPACT_TIMEOUT_MS,
): Promise<ImpactExchange> {
  const { url, body, headers, recorded } = wireRequest(credentials, request);
  return exchangeWithImpact(url, { method: request.method, headers, body }, recorded, timeoutMs);
}

/** One fetch, its answer or its failure as data: shared by sends and outcome reads. */
export async function exchangeWithImpact(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  recorded: ImpactExchange["recorded"],
  timeoutMs: number,
): Promise<ImpactExchange> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return {
      recorded,
      status: response.status,
      headers: response.headers,
      body: truncateBody(text),
      durationMs: elapsed(),
    };
  } catch (error) {
    const isTimeout = error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
    return {
      recorded,
      error: isTimeout
        ? `timed out after ${timeoutMs} ms`
        : `network error: ${(error as Error).cause ?? (error as Error).message}`,
      durationMs: elapsed(),
    };
  }
}
