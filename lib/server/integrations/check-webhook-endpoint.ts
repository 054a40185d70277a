import "server-only";
import { decryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { recordEndpointAlerts } from "@/lib/server/alerts/record-endpoint-alerts";
import { createStripeClient } from "@/lib/stripe/stripe-client";
import { TtlCache } from "@/lib/stripe/ttl-cache";
import { syncWebhookEndpointEvents } from "@/lib/stripe/webhook-endpoints";
import { type EndpointCheck, endpointCheckOf } from "@/lib/views/integration-view";

/** SPEC §4: "checked against Stripe, cached a minute". */
const ENDPOINT_STATUS_TTL_MS = 60_000;

// Named after what it holds: a dev server's reload must not find an older cache of bare statuses here.
const globalForCache = globalThis as unknown as { endpointCheckCache?: TtlCache<EndpointCheck> };
globalForCache.endpointCheckCache ??= new TtlCache<EndpointCheck>(ENDPOINT_STATUS_TTL_MS);
const cache = globalForCache.endpointCheckCache;

export type EndpointCheckTarget = {
  id: string;
  stripeWebhookEndpointId: string | null;
  stripeApiKeyEncrypted: string;
  updatedAt: Date;
  /** A disabled integration's endpoint is disabled on purpose: no alert for it. */
  isEnabled: boolean;
};

/**
 * The endpoint's status in Stripe, cached per process; an endpoint registered earlier with fewer events is
 * brought up to the portal's list on the way (SPEC §3), and the answer says what that did. The key
 * includes the row's `updatedAt`, so an edit, a new key or an enable/disable is seen at once by every
 * server process, while an untouched integration costs Stripe one call a minute. Never rejects. The
 * caller has already scoped the row to its account.
 */
export function checkWebhookEndpoint(target: EndpointCheckTarget): Promise<EndpointCheck> {
  const endpointId = target.stripeWebhookEndpointId;
  if (!endpointId) return Promise.resolve(endpointCheckOf("missing"));
  const key = `${target.id}:${endpointId}:${target.updatedAt.getTime()}`;
  const load = async () => {
    const stripe = createStripeClient(
      decryptSecret(target.stripeApiKeyEncrypted, integrationSecret(target.id, "stripeApiKeyEncrypted")),
    );
    const check = await syncWebhookEndpointEvents(stripe, endpointId);
    // Thrown rather than returned so an outage is not remembered for a whole minute.
    if (check.status === "unreachable") throw new Error("Stripe unreachable");
    // Once per real look (the cache holds it a minute), before the page reads the banners.
    await recordEndpointAlerts(target, check.status);
    return check;
  };
  return cache.getOrLoad(key, load).catch(() => endpointCheckOf("unreachable"));
}

/** For tests: start from an empty cache. */
export const clearWebhookEndpointStatusCache = () => cache.clear();
