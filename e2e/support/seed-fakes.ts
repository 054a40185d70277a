// Test data in the fakes over their HTTP control API (the fakes run in another process).
import { randomBytes } from "node:crypto";
import { E2E } from "@/e2e/e2e-config.mjs";
import type { BrandCredentials } from "@/e2e/support/sign-in";
import { createFakeImpactControl, createFakeStripeControl } from "@/testing/fakes/fake-control";

export const stripeControl = createFakeStripeControl(E2E.stripeUrl);
export const impactControl = createFakeImpactControl(E2E.impactUrl);

const alphanumeric = (bytes: number) => randomBytes(bytes).toString("hex");

export type SeededBrand = BrandCredentials & { companyName: string; deliveryToken: string };

/** A brand impact.com knows, with a sign-in token and a separate token for deliveries. Unique per call. */
export async function seedBrand(companyName: string): Promise<SeededBrand> {
  const brand = {
    accountSid: `IR${alphanumeric(16)}`,
    authToken: `signin-${alphanumeric(8)}`,
    deliveryToken: `deliver-${alphanumeric(8)}`,
    companyName: `${companyName} ${alphanumeric(3)}`,
  };
  await impactControl.addAccount({
    sid: brand.accountSid,
    authTokens: [brand.authToken, brand.deliveryToken],
    companyName: brand.companyName,
  });
  return brand;
}

/** A Stripe account in the fake with one secret key of the given mode. */
export async function seedStripeAccount(
  mode: "test" | "live" = "test",
): Promise<{ stripeAccountId: string; apiKey: string }> {
  const apiKey = `sk_${mode}_${alphanumeric(12)}`;
  const account = await stripeControl.addAccount({ keys: [{ key: apiKey }] });
  return { stripeAccountId: account.id, apiKey };
}

/**
 * Sets an endpoint's events through the (fake) Stripe API with the brand's key, as a change in the Stripe
 * Dashboard would: how the specs get an endpoint that looks registered by an older portal.
 */
export async function setEndpointEvents(apiKey: string, endpointId: string, events: string[]): Promise<void> {
  const body = new URLSearchParams(events.map((event, index) => [`enabled_events[${index}]`, event]));
  const response = await fetch(`${E2E.stripeUrl}/v1/webhook_endpoints/${endpointId}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  if (!response.ok)
    throw new Error(`setting the endpoint's events failed: ${response.status} ${await response.text()}`);
}
