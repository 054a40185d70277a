// One recorded HTTP request and its answer, the same shape for every upstream the portal calls (Advocate,
// Stripe's customer balance), so attempts of both kinds are stored and shown the same way.

/** Recorded response bodies are cut here: enough to read an error, never a whole page. */
export const MAX_RECORDED_BODY_BYTES = 8 * 1024;

export type HttpExchange = {
  method: string;
  /** Never carries a credential. */
  url: string;
  /** What was sent, credentials redacted: safe to store and show ("" for none). */
  requestBody: string;
  /** null when no answer arrived (network error, timeout). */
  responseStatus: number | null;
  /** Truncated to MAX_RECORDED_BODY_BYTES. */
  responseBody: string | null;
  durationMs: number;
  /** The transport failure ("timed out after 15000 ms", "network error: ECONNREFUSED"), null when answered. */
  error: string | null;
};

export function truncateBody(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= MAX_RECORDED_BODY_BYTES) return text;
  return `${bytes.subarray(0, MAX_RECORDED_BODY_BYTES).toString("utf8")}… [truncated, ${bytes.length} bytes]`;
}

/** The message of a fetch that threw, as recorded: a timeout says so, anything else names its cause. */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  const isTimeout = error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
  if (isTimeout) return `timed out after ${timeoutMs} ms`;
  const cause = (error as Error).cause;
  const detail = cause instanceof Error ? cause.message : cause ? String(cause) : (error as Error).message;
  return `network error: ${detail}`;
}
