// Rows and fake-Stripe accounts the integration tests (and webhook tests) start from.

import type { CreateIntegrationInput } from "@/lib/schemas/integration";
import type { FakeStripe, FakeStripeKeyInput } from "@/testing/fakes/fake-stripe";

/** A Stripe account in the fake with one key; returns the account id and that key. */
export function createStripeAccount(
  stripe: FakeStripe,
  key: FakeStripeKeyInput = {},
): { stripeAccountId: string; apiKey: string } {
  const account = stripe.addAccount({ keys: [key] });
  return { stripeAccountId: account.id, apiKey: account.keys[0]!.key };
}

/** The form as a brand fills it, with the given Stripe key. */
export function integrationInput(
  apiKey: string,
  overrides: Partial<CreateIntegrationInput> = {},
): CreateIntegrationInput {
  return {
    siteUrl: "https://shop.example.com",
    authToken: "impact-delivery-token-1",
    programId: "1001",
    eventTypeId: "2002",
    recurringEventTypeId: "3003",
    apiKey,
    ...overrides,
  };
}
