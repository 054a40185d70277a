// The fake Advocate of `npm run demo` (scripts/dev-fakes.ts starts it with one line): the demo tenant, its
// participants' Stripe customers in the demo Stripe account, and the rewards' webhooks once the portal
// subscribes (testing/fakes/advocate/demo-tenant.ts).
import {
  DEMO_ADVOCATE,
  demoAdvocateTenant,
  seedDemoAdvocateCustomers,
  sendDemoRewards,
} from "@/testing/fakes/advocate/demo-tenant";
import { type FakeAdvocate, startFakeAdvocate } from "@/testing/fakes/fake-advocate";
import type { FakeStripe } from "@/testing/fakes/fake-stripe";

export const DEMO_ADVOCATE_PORT = 12113;

/**
 * Starts the demo's fake Advocate, its participants' customers seeded into `stripeAccount` of the demo
 * Stripe, and prints how to connect it; Ctrl-C closes it with the other fakes.
 */
export async function startDemoAdvocate(
  stripe: FakeStripe,
  stripeAccount: string,
  port = DEMO_ADVOCATE_PORT,
): Promise<FakeAdvocate> {
  seedDemoAdvocateCustomers(stripe, stripeAccount);
  const log = (message: string) => console.log(message);
  let advocate: FakeAdvocate | undefined;
  advocate = await startFakeAdvocate({
    port,
    tenants: [demoAdvocateTenant()],
    onSubscriptionCreated: ({ tenantAlias, subscription }) => {
      if (!advocate || tenantAlias !== DEMO_ADVOCATE.tenantAlias) return;
      void sendDemoRewards(advocate, subscription.endpointUrl, { log }).catch((error: unknown) => log(String(error)));
    },
  });
  log(
    [
      "",
      `  fake Advocate    ${advocate.url}   control: ${advocate.url}/_fake/health`,
      `    ADVOCATE_API_BASE_URL=${advocate.url}`,
      `    Tenant alias ${DEMO_ADVOCATE.tenantAlias}   Advocate API Key ${DEMO_ADVOCATE.apiKey}`,
      "    (connect it on a test-mode integration's Advocate page: its rewards arrive as webhooks —",
      "     $25 and ¥1,500 credited, $10 needs mapping, $5 pending for 90 s, a discount skipped)",
    ].join("\n"),
  );
  return advocate;
}
