// Shared transport for impact.com's REST API: HTTP Basic with the account SID,
// JSON answers, and a timeout so a hanging impact.com never hangs the portal.
import { getEnv } from "@/lib/env";

export const IMPACT_TIMEOUT_MS = 15_000;

export type ImpactCredentials = { accountSid: string; authToken: string };

// Visible ASCII without `\` (URL parsers read it as `/`), `?` and `#`: a path and nothing else.
const PATH_CHARACTERS = /^[\x21-\x7e]*$/;

function isDotSegment(segment: string): boolean {
  try {
    // `%2e%2e` is a `..` to the URL parser as much as `..` is.
    const decoded = decodeURIComponent(segment);
    return decoded === "." || decoded === "..";
  } catch {
    return true; // malformed escapes: refused like a dot segment
  }
}

/**
 * True for a path that may be joined onto IMPACT_API_BASE_URL: it starts with a single `/`
 * (so no scheme and no `//host`), has no `..` or `.` segment, no empty segment, no `\`, `?`, `#`,
 * spaces or control characters.
 */
export function isImpactPath(pathname: unknown): pathname is string {
  if (typeof pathname !== "string" || pathname.length > 2048) return false;
  if (!pathname.startsWith("/") || !PATH_CHARACTERS.test(pathname) || /[\\?#]/.test(pathname)) return false;
  const segments = pathname.slice(1).split("/");
  return segments.every((segment) => segment !== "" && !isDotSegment(segment));
}

/** The one origin the portal sends impact.com credentials to. */
export function impactOrigin(): string {
  return new URL(getEnv().IMPACT_API_BASE_URL).origin;
}

/** Throws unless `url` is on IMPACT_API_BASE_URL's origin: called before any credentials are attached. */
export function assertImpactOrigin(url: string | URL): void {
  const expected = impactOrigin();
  const actual = new URL(url).origin;
  if (actual !== expected)
    throw new Error(`refusing to send impact.com credentials to ${actual}: it is not ${expected}`);
}

/** The absolute URL of an impact.com API path; throws for anything but a plain path (see isImpactPath). */
export function impactUrl(pathname: string): string {
  if (!isImpactPath(pathname)) {
    throw new Error(
      `refusing the impact.com path ${JSON.stringify(pathname).slice(0, 200)}: only a path starting with a single "/"`,
    );
  }
  const url = new URL(pathname.slice(1), getEnv().IMPACT_API_BASE_URL.replace(/\/?$/, "/"));
  assertImpactOrigin(url);
  return url.toString();
}

export function basicAuth({ accountSid, authToken }: ImpactCredentials): string {
  return `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
}

export function advertiserPath(accountSid: string, resource: string): string {
  return `/Advertisers/${encodeURIComponent(accountSid)}/${resource}`;
}
