// Retry timing shared by both runners (SPEC §2): attempt n waits
// min(base × 2^(n−1), 6 h) ± 20 % jitter. With the defaults (10 s, 15 attempts) the
// 14 waits add up to about 23 hours — longer than any impact.com outage on record.

export const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000;
const JITTER = 0.2;

/** Delay before the retry that follows failed attempt number `attempt` (1-based). */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_MS);
  // Jitter spreads retries of a burst of failures so they do not hit impact.com together.
  const factor = 1 - JITTER + random() * 2 * JITTER;
  return Math.round(exponential * factor);
}

// Values above this are Unix epoch seconds, below it a number of seconds to wait.
const EPOCH_THRESHOLD_SECONDS = 1_000_000_000;

/**
 * How long a 429 asks us to wait: `X-RateLimit-Reset` as seconds-to-wait or as an epoch
 * timestamp (impact.com has used both), else `Retry-After` seconds. Undefined when absent
 * or unreadable; capped so a bogus header cannot park a delivery for days.
 */
export function rateLimitDelayMs(headers: Headers, now: number): number | undefined {
  const reset = Number(headers.get("x-ratelimit-reset") ?? headers.get("retry-after") ?? Number.NaN);
  if (!Number.isFinite(reset) || reset < 0) return undefined;
  const delay = reset > EPOCH_THRESHOLD_SECONDS ? reset * 1000 - now : reset * 1000;
  return Math.min(Math.max(delay, 1000), MAX_RETRY_DELAY_MS);
}

/** Inngest wants a duration string for RetryAfterError (e.g. "30s"). */
export function toDurationString(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))}s`;
}
