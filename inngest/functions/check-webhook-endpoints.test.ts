// The Inngest cron of the periodic endpoint check through @inngest/test, against the real database and the
// fake Stripe over HTTP: an endpoint disabled in Stripe raises its alert with no page view, and a second
// run in the same minute looks at nothing.
import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { findOpenAlerts } from "@/lib/server/alerts/find-open-alerts";
import { createIntegration } from "@/lib/server/integrations/create-integration";
import { createTestAccount } from "@/testing/db/factories";
import { createStripeAccount, integrationInput } from "@/testing/fakes/integration-fixtures";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes();

it("looks at the due endpoints in one step, raising the alert of a disabled one", async () => {
  const { checkWebhookEndpoints } = await import("@/inngest/functions/check-webhook-endpoints");
  const account = await createTestAccount();
  const { apiKey } = createStripeAccount(fakes.stripe);
  const { id } = await createIntegration(account.id, integrationInput(apiKey));
  const { stripeWebhookEndpointId } = await prisma.integration.findUniqueOrThrow({ where: { id } });
  await fakes.stripe.client(apiKey).webhookEndpoints.update(stripeWebhookEndpointId!, { disabled: true });

  const { result } = await new InngestTestEngine({ function: checkWebhookEndpoints }).execute();

  expect(result).toEqual({ checked: 1, statuses: { disabled: 1 } });
  expect((await findOpenAlerts(account.id)).map((alert) => alert.kind)).toEqual(["stripe_endpoint_disabled"]);
  const again = await new InngestTestEngine({ function: checkWebhookEndpoints }).execute();
  expect(again.result).toEqual({ checked: 0, statuses: {} });
});
