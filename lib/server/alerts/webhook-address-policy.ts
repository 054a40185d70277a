// Where the portal may post an alert webhook (SPEC §12). A brand types the URL, and the portal's server makes
// the request, so without this a webhook could reach the portal's own network (metadata services, the
// database, admin ports). Outside development only public addresses are allowed, checked when the URL is
// saved AND at each send on the very addresses the connection uses (a custom lookup), so a name that
// resolves to a public address at save time and to 10.0.0.5 later (DNS rebinding) is still refused.
import type { LookupAddress, LookupAllOptions, LookupOptions } from "node:dns";
import { lookup } from "node:dns";
import { BlockList, isIP } from "node:net";
import { getEnv } from "@/lib/env";

type Range = [network: string, prefix: number, family: "ipv4" | "ipv6", kind: string];

const RANGES: Range[] = [
  ["127.0.0.0", 8, "ipv4", "a loopback address"],
  ["::1", 128, "ipv6", "a loopback address"],
  ["10.0.0.0", 8, "ipv4", "a private address"],
  ["172.16.0.0", 12, "ipv4", "a private address"],
  ["192.168.0.0", 16, "ipv4", "a private address"],
  ["100.64.0.0", 10, "ipv4", "a private address"],
  ["fc00::", 7, "ipv6", "a private address"],
  ["169.254.0.0", 16, "ipv4", "a link-local address"],
  ["fe80::", 10, "ipv6", "a link-local address"],
  ["0.0.0.0", 8, "ipv4", "a reserved address"],
  ["::", 128, "ipv6", "a reserved address"],
  ["192.0.0.0", 24, "ipv4", "a reserved address"],
  ["192.0.2.0", 24, "ipv4", "a reserved address"],
  ["198.18.0.0", 15, "ipv4", "a reserved address"],
  ["198.51.100.0", 24, "ipv4", "a reserved address"],
  ["203.0.113.0", 24, "ipv4", "a reserved address"],
  ["240.0.0.0", 4, "ipv4", "a reserved address"],
  ["2001:db8::", 32, "ipv6", "a reserved address"],
  ["224.0.0.0", 4, "ipv4", "a multicast address"],
  ["ff00::", 8, "ipv6", "a multicast address"],
];

// One list per kind, so a refusal can say which kind of address it was. BlockList also matches
// IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) against the IPv4 ranges.
const LISTS = new Map<string, BlockList>();
for (const [network, prefix, family, kind] of RANGES) {
  if (!LISTS.has(kind)) LISTS.set(kind, new BlockList());
  LISTS.get(kind)!.addSubnet(network, prefix, family);
}

/** Loopback, private, link-local and reserved addresses may be reached only in development. */
export function mayReachPrivateAddresses(): boolean {
  return getEnv().NODE_ENV === "development";
}

/** Why an address is not public ("a loopback address"), or null when it is. */
export function refusedAddressKind(address: string): string | null {
  const family = isIP(address) === 6 ? "ipv6" : "ipv4";
  for (const [kind, list] of LISTS) if (list.check(address, family)) return kind;
  return null;
}

export class RefusedAddressError extends Error {
  readonly code = "EREFUSEDADDRESS";
}

function refusal(host: string, address: string, kind: string): RefusedAddressError {
  const subject = host === address ? address : `${host} resolves to ${address}, which`;
  return new RefusedAddressError(`${subject} is ${kind}: alerts are only posted to public addresses.`);
}

/** The URL's host as a connection uses it (an IPv6 literal without its brackets). */
export function webhookHostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/**
 * A `lookup` for http(s).request: resolves as usual, then refuses the connection when any address is not
 * public. Node calls it with `all: true` when it races IPv4 and IPv6 (autoSelectFamily), else without.
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  lookup(hostname, { ...options, all: true } as LookupAllOptions, (error, addresses) => {
    if (error) return callback(error, []);
    for (const { address } of addresses) {
      const kind = refusedAddressKind(address);
      if (kind) return callback(refusal(hostname, address, kind), []);
    }
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), []);
    callback(null, first.address, first.family);
  });
}

/**
 * Null when the URL's host may be posted to now (outside development: every address it resolves to is
 * public), else why not, in words for the person who typed it. An IP literal is checked as it stands
 * (Node connects to it without a lookup); a name is resolved.
 */
export async function webhookHostRefusal(url: URL): Promise<string | null> {
  if (mayReachPrivateAddresses()) return null;
  const host = webhookHostOf(url);
  if (isIP(host)) {
    const kind = refusedAddressKind(host);
    return kind ? refusal(host, host, kind).message : null;
  }
  return new Promise((resolve) => {
    publicOnlyLookup(host, { all: true }, (error) => {
      if (!error) return resolve(null);
      if (error instanceof RefusedAddressError) return resolve(error.message);
      resolve(`${host} could not be resolved (${error.code ?? error.message}): check the address.`);
    });
  });
}
