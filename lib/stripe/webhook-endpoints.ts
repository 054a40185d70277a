// The portal's webhook endpoint in the brand's Stripe account: created, switched
// on and off, removed, and checked. Stripe only; the database is lib/server's.
import Stripe from "stripe";
import { AppError } from "@/lib/errors/app-error";
import { STRIPE_WEBHOOK_ENDPOINT_LIMIT, WEBHOOK_EVENTS } from "@/lib/stripe/stripe-client";
import { callStripe, isStripeKeyRejected, isStripeNotFound, toStripeAppError } from "@/lib/stripe/stripe-errors";
import type { EndpointStatus } from "@/lib/views/integration-view";

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
    console.error(
      `could not remove Stripe webhook endpoint ${endpointId}`,
      error instanceof Error ? error.message : error,
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
const STATUS_CHECK_TIMEOUT_MS = 5_000;

/** What Stripe says about the endpoint right now; never throws. */
export async function retrieveWebhookEndpointStatus(stripe: Stripe, endpointId: string): Promise<EndpointStatus> {
  try {
    const endpoint = await stripe.webhookEndpoints.retrieve(
      endpointId,
      {},
      {
        timeout: STATUS_CHECK_TIMEOUT_MS,
        maxNetworkRetries: 0,
      },
    );
    return endpoint.status === "disabled" ? "disabled" : "enabled";
  } catch (error) {
    if (isStripeNotFound(error)) return "missing";
    if (isStripeKeyRejected(error)) return "key_rejected";
    if (error instanceof Stripe.errors.StripePermissionError) return "key_rejected";
    return "unreachable";
  }
}
