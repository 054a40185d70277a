// Times in UTC, the same on the server and in the browser (no hydration mismatch, and support and
// brands in different time zones read the same timestamps).

export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return "—";
  return `${iso.replace("T", " ").slice(0, 19)} UTC`;
}

export function truncate(text: string | null | undefined, length = 80): string {
  if (!text) return "";
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/**
 * Why impact.com rejected a delivery, in its own words: the submission's ErrorType and ErrorReason verbatim
 * as one line, or (a request it refused outright, e.g. a 400) the recorded error.
 */
export function rejectionOf(delivery: {
  impactErrorType: string | null;
  impactErrorReason: string | null;
  lastError: string | null;
}): string {
  const words = [delivery.impactErrorType, delivery.impactErrorReason].filter(Boolean).join(" — ");
  return words || delivery.lastError || "impact.com gave no reason";
}
