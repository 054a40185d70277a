import { isIP } from "node:net";

/** The longest textual IPv6 address (with an embedded IPv4 tail); anything longer is not an address. */
const MAX_IP_LENGTH = 45;

/**
 * The client's address for sign-in throttling. Each of `trustedProxies` reverse proxies appends the
 * address it saw to X-Forwarded-For, so the client is that many entries from the right; entries further
 * left are whatever the client sent. With none, Next's server fills the header with the socket address
 * (only when the request has none, so a portal reached directly without a proxy trusts the last entry).
 * Returns "unknown" for anything that is not an IP address.
 */
export function clientIpFrom(forwardedFor: unknown, trustedProxies: number): string {
  if (typeof forwardedFor !== "string" || forwardedFor.length > 2048) return "unknown";
  const entries = forwardedFor.split(",").map((entry) => entry.trim());
  const candidate = entries[entries.length - Math.max(1, trustedProxies)];
  if (!candidate || candidate.length > MAX_IP_LENGTH) return "unknown";
  const address = candidate.startsWith("::ffff:") && isIP(candidate.slice(7)) === 4 ? candidate.slice(7) : candidate;
  return isIP(address) ? address.toLowerCase() : "unknown";
}
