// The one place a Stripe SDK client is made: the API base comes from
// STRIPE_API_BASE_URL (tests point it at the fake) and the API version is the
// SDK's pinned one, so every object we read has the shape its types describe.
import Stripe from "stripe";
import { getEnv } from "@/lib/env";
import { WEBHOOK_EVENT_TYPES } from "@/lib/mapping/plan-deliveries";

export const STRIPE_TIMEOUT_MS = 20_000;

export function createStripeClient(apiKey: string): Stripe {
  const base = new URL(getEnv().STRIPE_API_BASE_URL);
  const protocol = base.protocol === "http:" ? "http" : "https";
  return new Stripe(apiKey, {
    apiVersion: Stripe.API_VERSION,
    host: base.hostname,
    port: base.port ? Number(base.port) : protocol === "http" ? 80 : 443,
    protocol,
    timeout: STRIPE_TIMEOUT_MS,
    maxNetworkRetries: 2,
    appInfo: { name: "payments-integration-portal" },
  });
}

/** The mode a key belongs to, from its prefix (sk_live_, rk_test_, …). */
export function modeOfKey(apiKey: string): "live" | "test" {
  return /^(sk|rk)_live_/.test(apiKey) ? "live" : "test";
}

/**
 * The events the portal's webhook endpoint is registered for (SPEC §3): the same list intake plans work
 * for, defined once in lib/mapping (which must not import the API clients).
 */
export const WEBHOOK_EVENTS = WEBHOOK_EVENT_TYPES;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Stripe accepts at most 16 webhook endpoints per account. */
export const STRIPE_WEBHOOK_ENDPOINT_LIMIT = 16;
