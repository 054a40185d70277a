import Stripe from "stripe";
import { fakeStripeId, nowSeconds } from "@/testing/stripe/builders/common";

/** The event variant for one type, e.g. `StripeEventOf<'invoice.paid'>` is `Stripe.InvoicePaidEvent`. */
export type StripeEventOf<T extends Stripe.Event["type"]> = Extract<Stripe.Event, { type: T }>;

export interface EventOptions<T extends Stripe.Event["type"]> {
  id?: string;
  created?: number;
  /** Defaults to the object's own `livemode`. */
  livemode?: boolean;
  /** Defaults to the SDK's pinned version; set an older one to test re-reading old payloads. */
  apiVersion?: string | null;
  previousAttributes?: StripeEventOf<T>["data"]["previous_attributes"];
  pendingWebhooks?: number;
}

/** Wraps an object in a Stripe event: `{ id: 'evt_…', object: 'event', type, api_version, created, data: { object }, livemode }`. */
export function buildEvent<T extends Stripe.Event["type"]>(
  type: T,
  object: StripeEventOf<T>["data"]["object"],
  options: EventOptions<T> = {},
): StripeEventOf<T> {
  const data: Record<string, unknown> = { object };
  if (options.previousAttributes !== undefined) data.previous_attributes = options.previousAttributes;
  const objectLivemode = (object as { livemode?: unknown }).livemode;
  const event = {
    id: options.id ?? fakeStripeId("evt"),
    object: "event",
    api_version: options.apiVersion === undefined ? Stripe.API_VERSION : options.apiVersion,
    created: options.created ?? nowSeconds(),
    data,
    livemode: options.livemode ?? objectLivemode === true,
    pending_webhooks: options.pendingWebhooks ?? 1,
    request: { id: null, idempotency_key: null },
    type,
  };
  // The union of ~250 event variants cannot be narrowed from a generic literal; the signature carries the type.
  return event as unknown as StripeEventOf<T>;
}
