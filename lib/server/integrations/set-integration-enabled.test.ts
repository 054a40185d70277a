import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createIntegration } from "@/lib/server/integrations/create-integration";
import { getWebhookEndpointStatus } from "@/lib/server/integrations/get-webhook-endpoint-status";
import { setIntegrationEnabled } from "@/lib/server/integrations/set-integration-enabled";
import { createTestAccount } from "@/testing/db/factories";
import { createStripeAccount, integrationInput } from "@/testing/fakes/integration-fixtures";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes();

describe("setIntegrationEnabled", () => {
  it("disables and re-enables the Stripe endpoint and the row together; the status follows at once", async () => {
    const account = await createTestAccount();
    const { stripeAccountId, apiKey } = createStripeAccount(fakes.stripe);
    const { id } = await createIntegration(account.id, integrationInput(apiKey));
    expect((await getWebhookEndpointStatus(account.id, id)).status).toBe("enabled");

    await setIntegrationEnabled(account.id, id, false);
    expect(fakes.stripe.webhookEndpoints(stripeAccountId)[0]!.status).toBe("disabled");
    expect((await prisma.integration.findUniqueOrThrow({ where: { id } })).isEnabled).toBe(false);
    expect((await getWebhookEndpointStatus(account.id, id)).status).toBe("disabled");

    await setIntegrationEnabled(account.id, id, true);
    expect(fakes.stripe.webhookEndpoints(stripeAccountId)[0]!.status).toBe("enabled");
    expect((await prisma.integration.findUniqueOrThrow({ where: { id } })).isEnabled).toBe(true);
    expect((await getWebhookEndpointStatus(account.id, id)).status).toBe("enabled");
  });

  it("leaves the row as it was when Stripe refuses", async () => {
    const account = await createTestAccount();
    const { apiKey } = createStripeAccount(fakes.stripe);
    const { id } = await createIntegration(account.id, integrationInput(apiKey));
    fakes.stripe.failNext({ method: "POST", path: "/v1/webhook_endpoints/", action: { kind: "error", status: 500 } });
    await expect(setIntegrationEnabled(account.id, id, false)).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
    expect((await prisma.integration.findUniqueOrThrow({ where: { id } })).isEnabled).toBe(true);
  });
});
