// The local runner's notifier looks at endpoints on its own (SPEC §12): started as start-background-work
// starts it, it raises the alert of an endpoint disabled in the fake Stripe with nobody opening a page.
import { expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { startAlertNotifier } from "@/lib/server/alerts/alert-notifier";
import { findOpenAlerts } from "@/lib/server/alerts/find-open-alerts";
import { createIntegration } from "@/lib/server/integrations/create-integration";
import { createTestAccount } from "@/testing/db/factories";
import { createStripeAccount, integrationInput } from "@/testing/fakes/integration-fixtures";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes();

it("raises stripe_endpoint_disabled from its own endpoint check, with no page view", async () => {
  const account = await createTestAccount();
  const { apiKey } = createStripeAccount(fakes.stripe);
  const { id } = await createIntegration(account.id, integrationInput(apiKey));
  const { stripeWebhookEndpointId } = await prisma.integration.findUniqueOrThrow({ where: { id } });
  await fakes.stripe.client(apiKey).webhookEndpoints.update(stripeWebhookEndpointId!, { disabled: true });

  startAlertNotifier(100);

  await expect
    .poll(async () => (await findOpenAlerts(account.id)).map((alert) => alert.kind), { timeout: 10_000 })
    .toEqual(["stripe_endpoint_disabled"]);
  expect(fakes.stripe.requests().filter((request) => request.route === "webhook_endpoints.retrieve")).toHaveLength(1);
});
