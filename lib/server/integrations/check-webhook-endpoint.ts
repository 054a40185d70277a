import "server-only";
import { decryptSecret } from "@/lib/crypto/secrets";
import { createStripeClient } from "@/lib/stripe/stripe-client";
import { TtlCache } from "@/lib/stripe/ttl-cache";
import { retrieveWebhookEndpointStatus } from "@/lib/stripe/webhook-endpoints";
import type { EndpointStatus } from "@/lib/views/integration-view";

/** SPEC §4: "checked against Stripe, cached a minute". */
const ENDPOINT_STATUS_TTL_MS = 60_000;

const globalForCache = globalThis as unknown as { endpointStatusCache?: TtlCache<EndpointStatus> };
globalForCache.endpointStatusCache ??= new TtlCache<EndpointStatus>(ENDPOINT_STATUS_TTL_MS);
const cache = globalForCache.endpointStatusCache;

export type EndpointCheckTarget = {
  id: string;
  stripeWebhookEndpointId: string | null;
  stripeApiKeyEncrypted: string;
  updatedAt: Date;
};

/**
 * The endpoint's status in Stripe, cached per process. The key includes the row's
 * `updatedAt`, so an edit, a new key or an enable/disable is seen at once by every
 * server process, while an untouched integration costs Stripe one call a minute.
 * Never rejects. The caller has already scoped the row to its account.
 */
export function checkWebhookEndpoint(target: EndpointCheckTarget): Promise<EndpointStatus> {
  const endpointId = target.stripeWebhookEndpointId;
  if (!endpointId) return Promise.resolve("missing");
  const key = `${target.id}:${endpointId}:${target.updatedAt.getTime()}`;
  const load = async () => {
    const stripe = createStripeClient(decryptSecret(target.stripeApiKeyEncrypted));
    const status = await retrieveWebhookEndpointStatus(stripe, endpointId);
    // Thrown rather than returned so an outage is not remembered for a whole minute.
    if (status === "unreachable") throw new Error("Stripe unreachable");
    return status;
  };
  return cache.getOrLoad(key, load).catch(() => "unreachable" as const);
}

/** For tests: start from an empty cache. */
export const clearWebhookEndpointStatusCache = () => cache.clear();
