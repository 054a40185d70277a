import Stripe from "stripe";
import type { JsonObject } from "@/testing/fakes/shared/json";
import { type FakeStripeState, requireAccount } from "@/testing/fakes/stripe/state";
import type { StripeWebhookDelivery } from "@/testing/fakes/stripe/types";

export interface SignStripeWebhookOptions {
  /** The event object (serialized like Stripe: pretty JSON) or an exact body string. */
  payload: string | object;
  secret: string;
  /** Seconds since the epoch; defaults to now. Set it in the past to test stale-timestamp rejection. */
  timestamp?: number;
}

export interface SignedStripeWebhook {
  body: string;
  headers: { "content-type": string; "stripe-signature": string; "user-agent": string };
}

/** The `Stripe-Signature` header for a raw body: the one signer of every test, fake, bench and drill. */
export function stripeSignatureFor(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

/** Builds a webhook request exactly as Stripe would send it, signed with `generateTestHeaderString`. */
export function signStripeWebhook(options: SignStripeWebhookOptions): SignedStripeWebhook {
  const body = typeof options.payload === "string" ? options.payload : JSON.stringify(options.payload, null, 2);
  const signature = stripeSignatureFor(body, options.secret, options.timestamp);
  return {
    body,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "stripe-signature": signature,
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
    },
  };
}

export interface PostStripeWebhookOptions extends SignStripeWebhookOptions {
  /** Stripe gives an endpoint a few seconds; default 10 s. */
  timeoutMs?: number;
}

export interface PostedStripeWebhook {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** Signs and POSTs a webhook to `url`; rejects only on network errors or timeout, never on a 4xx/5xx. */
export async function postStripeWebhook(url: string, options: PostStripeWebhookOptions): Promise<PostedStripeWebhook> {
  const signed = signStripeWebhook(options);
  const response = await fetch(url, {
    method: "POST",
    headers: signed.headers,
    body: signed.body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  return { status: response.status, body: await response.text(), headers: Object.fromEntries(response.headers) };
}

/**
 * Delivers `event` to every enabled endpoint of the account whose mode matches and whose
 * `enabled_events` include its type (or `*`), signed with each endpoint's own secret — what Stripe
 * does after an event happens. `endpointId` narrows it to that one endpoint (the demo stream of one
 * endpoint must not reach the others). Each POST's outcome is recorded and returned.
 */
export async function deliverEvent(
  state: FakeStripeState,
  accountId: string,
  event: JsonObject,
  options: { timeoutMs?: number; endpointId?: string } = {},
): Promise<StripeWebhookDelivery[]> {
  const account = requireAccount(state, accountId);
  const type = String(event.type);
  const targets = account.webhookEndpoints.filter(
    ({ endpoint }) =>
      (options.endpointId === undefined || endpoint.id === options.endpointId) &&
      endpoint.status === "enabled" &&
      endpoint.livemode === Boolean(event.livemode) &&
      (endpoint.enabled_events.includes("*") || endpoint.enabled_events.includes(type)),
  );
  const deliveries = await Promise.all(
    targets.map(async ({ endpoint, secret }): Promise<StripeWebhookDelivery> => {
      const started = Date.now();
      const base = {
        time: new Date(started).toISOString(),
        accountId,
        endpointId: endpoint.id,
        url: endpoint.url,
        eventId: String(event.id),
        eventType: type,
      };
      try {
        const answer = await postStripeWebhook(endpoint.url, { payload: event, secret, timeoutMs: options.timeoutMs });
        return {
          seq: 0,
          ...base,
          status: answer.status,
          durationMs: Date.now() - started,
          responseBody: answer.body.slice(0, 2048),
        };
      } catch (error) {
        return { seq: 0, ...base, status: null, error: describeError(error), durationMs: Date.now() - started };
      }
    }),
  );
  for (const delivery of deliveries) {
    delivery.seq = ++state.counters.delivery;
    state.deliveries.push(delivery);
  }
  return deliveries.map((delivery) => ({ ...delivery }));
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch hides the useful part (ECONNREFUSED, timeout) in `cause`.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.name}: ${error.message}${cause}`;
}
