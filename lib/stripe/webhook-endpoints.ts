// The portal's webhook endpoint in the brand's Stripe account: created, switched
// on and off, removed, and checked. Stripe only; the database is lib/server's.
import Stripe from "stripe";
import { AppError } from "@/lib/errors/app-error";
import { getLogger } from "@/lib/log";
import { STRIPE_WEBHOOK_ENDPOINT_LIMIT, WEBHOOK_EVENTS } from "@/lib/stripe/stripe-client";
import { callStripe, isStripeKeyRejected, isStripeNotFound, toStripeAppError } from "@/lib/stripe/stripe-errors";
import {
  type EndpointCheck,
  type EndpointEventsUpdate,
  type EndpointStatus,
  endpointCheckOf,
} from "@/lib/views/integration-view";

/** Tells the brand, in Stripe's Dashboard, which portal object an endpoint belongs to. */
export const ENDPOINT_METADATA_PORTAL = "payments-integration-portal";

export type ProvisionedEndpoint = { id: string; secret: string };

export type EndpointTarget = { integrationId: string; url: string; siteUrl: string; isDisabled?: boolean };

function limitReachedMessage(urls: string[]): string {
  return (
    `Your Stripe account already has ${urls.length} webhook endpoints and Stripe allows at most ${STRIPE_WEBHOOK_ENDPOINT_LIMIT}. ` +
    `Remove one in the Stripe Dashboard (Developers → Webhooks) and try again. Existing endpoints: ${urls.join(", ")}`
  );
}

/**
 * SPEC §3 steps 2–4 against Stripe: the key can read endpoints (a cheap call that
 * also proves the key), the account has room, then exactly one endpoint is created.
 * Throws AppError (most of them tied to the API Key field); creates nothing on failure.
 */
export async function provisionWebhookEndpoint(stripe: Stripe, target: EndpointTarget): Promise<ProvisionedEndpoint> {
  const existing = await callStripe("checking the API key", () => stripe.webhookEndpoints.list({ limit: 100 }));
  if (existing.data.length >= STRIPE_WEBHOOK_ENDPOINT_LIMIT) {
    throw new AppError("CONFLICT", limitReachedMessage(existing.data.map((endpoint) => endpoint.url)), "apiKey");
  }
  const endpoint = await callStripe("creating the webhook endpoint", () =>
    stripe.webhookEndpoints.create({
      url: target.url,
      enabled_events: [...WEBHOOK_EVENTS],
      // Pinned so every payload has the shape the SDK's types (and lib/mapping) expect.
      api_version: Stripe.API_VERSION,
      description: `impact.com conversions for ${target.siteUrl}`,
      metadata: { integration_id: target.integrationId, portal: ENDPOINT_METADATA_PORTAL },
    }),
  );
  if (!endpoint.secret) {
    await removeOrphanWebhookEndpoint(stripe, endpoint.id);
    throw new AppError("UPSTREAM_REJECTED", "Stripe created the webhook endpoint without a signing secret; try again.");
  }
  if (target.isDisabled) {
    await setWebhookEndpointDisabled(stripe, endpoint.id, true).catch(async (error: unknown) => {
      await removeOrphanWebhookEndpoint(stripe, endpoint.id);
      throw error;
    });
  }
  return { id: endpoint.id, secret: endpoint.secret };
}

/** Removes an endpoint; one that is already gone (404) counts as removed. */
export async function deleteWebhookEndpoint(stripe: Stripe, endpointId: string): Promise<"deleted" | "already_gone"> {
  try {
    await stripe.webhookEndpoints.del(endpointId);
    return "deleted";
  } catch (error) {
    if (isStripeNotFound(error)) return "already_gone";
    throw toStripeAppError(error, "removing the webhook endpoint");
  }
}

/**
 * Best-effort removal of an endpoint nothing refers to any more (compensation after
 * a failed write, or the old endpoint after a key change). Logs instead of throwing:
 * the caller's own outcome is what the brand must see; a leftover needs an operator.
 */
export async function removeOrphanWebhookEndpoint(stripe: Stripe, endpointId: string): Promise<void> {
  try {
    await deleteWebhookEndpoint(stripe, endpointId);
  } catch (error) {
    getLogger().error(
      { component: "stripe-webhook-endpoints", endpointId, reason: error instanceof Error ? error.message : error },
      "could not remove a Stripe webhook endpoint",
    );
  }
}

/** Pauses or resumes Stripe's deliveries; a missing endpoint (404) is reported, not thrown. */
export async function setWebhookEndpointDisabled(
  stripe: Stripe,
  endpointId: string,
  isDisabled: boolean,
): Promise<"updated" | "missing"> {
  try {
    await stripe.webhookEndpoints.update(endpointId, { disabled: isDisabled });
    return "updated";
  } catch (error) {
    if (isStripeNotFound(error)) return "missing";
    throw toStripeAppError(error, isDisabled ? "disabling the webhook endpoint" : "enabling the webhook endpoint");
  }
}

/** A status check must not hold a page for Stripe's full timeout and retries. */
const STATUS_CHECK_OPTIONS: Stripe.RequestOptions = { timeout: 5_000, maxNetworkRetries: 0 };

/**
 * Written with an in-place events update, in the same call, so the integration page can say what was added
 * and when, truthfully after any reload and from any server process (Stripe is where the endpoint lives).
 */
const EVENTS_ADDED_METADATA_KEY = "portal_events_added";
const EVENTS_UPDATED_AT_METADATA_KEY = "portal_events_updated_at";

function statusOfRetrieveError(error: unknown): EndpointStatus {
  if (isStripeNotFound(error)) return "missing";
  if (isStripeKeyRejected(error)) return "key_rejected";
  if (error instanceof Stripe.errors.StripePermissionError) return "key_rejected";
  return "unreachable";
}

function statusOfEndpoint(endpoint: Stripe.WebhookEndpoint): EndpointStatus {
  return endpoint.status === "disabled" ? "disabled" : "enabled";
}

/** What Stripe says about the endpoint right now; never throws. */
export async function retrieveWebhookEndpointStatus(stripe: Stripe, endpointId: string): Promise<EndpointStatus> {
  try {
    return statusOfEndpoint(await stripe.webhookEndpoints.retrieve(endpointId, {}, STATUS_CHECK_OPTIONS));
  } catch (error) {
    return statusOfRetrieveError(error);
  }
}

/** The portal's events an endpoint does not receive (none when it receives every event, `*`). */
export function missingWebhookEventsOf(enabledEvents: readonly string[]): string[] {
  if (enabledEvents.includes("*")) return [];
  return WEBHOOK_EVENTS.filter((event) => !enabledEvents.includes(event));
}

function eventsUpdateOf(metadata: Stripe.Metadata | null): EndpointEventsUpdate | null {
  const added = metadata?.[EVENTS_ADDED_METADATA_KEY];
  const updatedAt = new Date(metadata?.[EVENTS_UPDATED_AT_METADATA_KEY] ?? Number.NaN);
  if (!added || Number.isNaN(updatedAt.getTime())) return null;
  return { addedEvents: added.split(",").filter(Boolean), updatedAt };
}

function checkOf(endpoint: Stripe.WebhookEndpoint, eventsUpdateError: string | null = null): EndpointCheck {
  return {
    status: statusOfEndpoint(endpoint),
    enabledEvents: [...endpoint.enabled_events],
    missingEvents: missingWebhookEventsOf(endpoint.enabled_events),
    eventsUpdate: eventsUpdateOf(endpoint.metadata),
    eventsUpdateError,
  };
}

/**
 * SPEC §3: what Stripe says about the endpoint right now, and an endpoint registered earlier with fewer
 * events is brought up to the portal's list in place (`enabled_events`; events someone else added stay).
 * Only an existing, enabled endpoint is changed: a disabled one is brought up when it is enabled again.
 * A refused or failed update (a restricted key without write access, an outage) is reported in the
 * answer, never thrown: the status is still what Stripe said. Never throws.
 */
export async function syncWebhookEndpointEvents(
  stripe: Stripe,
  endpointId: string,
  now: Date = new Date(),
): Promise<EndpointCheck> {
  let endpoint: Stripe.WebhookEndpoint;
  try {
    endpoint = await stripe.webhookEndpoints.retrieve(endpointId, {}, STATUS_CHECK_OPTIONS);
  } catch (error) {
    return endpointCheckOf(statusOfRetrieveError(error));
  }
  const missing = missingWebhookEventsOf(endpoint.enabled_events);
  if (missing.length === 0 || statusOfEndpoint(endpoint) !== "enabled") return checkOf(endpoint);
  try {
    const updated = await stripe.webhookEndpoints.update(
      endpointId,
      {
        enabled_events: [...endpoint.enabled_events, ...missing] as Stripe.WebhookEndpointUpdateParams.EnabledEvent[],
        metadata: {
          [EVENTS_ADDED_METADATA_KEY]: missing.join(","),
          [EVENTS_UPDATED_AT_METADATA_KEY]: now.toISOString(),
        },
      },
      STATUS_CHECK_OPTIONS,
    );
    return checkOf(updated);
  } catch (error) {
    const reported = toStripeAppError(error, `adding ${missing.join(", ")} to the webhook endpoint`);
    const message = reported instanceof Error ? reported.message : `Stripe did not add ${missing.join(", ")}.`;
    getLogger().error(
      { component: "stripe-webhook-endpoints", endpointId, missing, reason: message },
      "could not add events to a Stripe webhook endpoint",
    );
    return checkOf(endpoint, message);
  }
}
