/**
 * impact.com's EventDate for a Stripe timestamp: ISO 8601 in UTC at second precision, e.g.
 * `2025-08-01T12:00:00Z` (Stripe timestamps are whole seconds, so milliseconds would only add noise).
 */
export function formatEventDate(unixSeconds: number): string {
  if (!Number.isSafeInteger(unixSeconds) || unixSeconds < 0) {
    throw new RangeError(`invalid Unix timestamp ${unixSeconds}: expected non-negative whole seconds`);
  }
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
