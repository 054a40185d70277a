// The world most runner tests start from: a brand whose integration is connected to a fresh account in the
// fake Stripe and to its account in the fake impact.com, which accepts the integration's delivery token.
import { DEFAULT_INTEGRATION } from "@/testing/db/default-integration";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import type { Fakes } from "@/testing/fakes/use-fakes";

export async function createConnectedIntegration(fakes: Fakes) {
  const stripeAccount = fakes.stripe.addAccount({ keys: [{}] });
  const account = await createTestAccount();
  fakes.impact.addAccount({ sid: account.impactSid, authTokens: [DEFAULT_INTEGRATION.impactAuthToken] });
  const { integration } = await createTestIntegration({
    accountId: account.id,
    stripeApiKey: stripeAccount.keys[0]!.key,
    impactAuthToken: DEFAULT_INTEGRATION.impactAuthToken,
  });
  return { stripeAccount, account, integration };
}
