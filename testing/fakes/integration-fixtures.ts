// Rows and fake-Stripe accounts the integration tests (and webhook tests) start from.

import type { CreateIntegrationInput } from "@/lib/schemas/integration";
import { DEFAULT_INTEGRATION } from "@/testing/db/default-integration";
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
    siteUrl: DEFAULT_INTEGRATION.siteUrl,
    authToken: DEFAULT_INTEGRATION.impactAuthToken,
    programId: DEFAULT_INTEGRATION.programId,
    eventTypeId: DEFAULT_INTEGRATION.eventTypeId,
    recurringEventTypeId: DEFAULT_INTEGRATION.recurringEventTypeId,
    apiKey,
    ...overrides,
  };
}
