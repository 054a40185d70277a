// Rows and fake-Stripe accounts the integration tests (and webhook tests) start from.
import { randomBytes } from "node:crypto";
import type { FakeStripe, FakeStripeKeyInput } from "@/e2e/fakes/fake-stripe";
import { prisma } from "@/lib/db";
import type { CreateIntegrationInput } from "@/lib/schemas/integration";

/** A signed-in brand's account row (what brand sign-in would have created). */
export async function createTestAccount(companyName = "Acme Inc"): Promise<{ id: string; impactSid: string }> {
  const impactSid = `IR${randomBytes(12).toString("hex")}`;
  return prisma.account.create({
    data: { impactSid, companyName, signInTokenEncrypted: "not-used-in-these-tests" },
    select: { id: true, impactSid: true },
  });
}

/** A Stripe account in the fake with one key; returns the account id and that key. */
export function createStripeAccount(
  stripe: FakeStripe,
  key: FakeStripeKeyInput = {},
): { stripeAccountId: string; apiKey: string } {
  const account = stripe.addAccount({ keys: [key] });
  return { stripeAccountId: account.id, apiKey: account.keys[0]!.key };
}

/** The form as a brand fills it, with the given Stripe key. */
export function integrationInput(apiKey: string, overrides: Partial<CreateIntegrationInput> = {}): CreateIntegrationInput {
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
