import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createIntegration } from "@/lib/server/integrations/create-integration";
import { deleteIntegration } from "@/lib/server/integrations/delete-integration";
import { findIntegrationSummaries } from "@/lib/server/integrations/find-integration-summaries";
import { getIntegration } from "@/lib/server/integrations/get-integration";
import { getWebhookEndpointStatus } from "@/lib/server/integrations/get-webhook-endpoint-status";
import { setIntegrationEnabled } from "@/lib/server/integrations/set-integration-enabled";
import { updateIntegration } from "@/lib/server/integrations/update-integration";
import { createTestAccount } from "@/testing/db/factories";
import { createStripeAccount, integrationInput } from "@/testing/fakes/integration-fixtures";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes();

describe("another account's integration", () => {
  it("is NOT_FOUND for every operation, and nothing changes in Stripe or the database", async () => {
    const owner = await createTestAccount({ companyName: "Owner" });
    const intruder = await createTestAccount({ companyName: "Intruder" });
    const { stripeAccountId, apiKey } = createStripeAccount(fakes.stripe);
    const { id } = await createIntegration(owner.id, integrationInput(apiKey));
    const before = await prisma.integration.findUniqueOrThrow({ where: { id } });
    fakes.stripe.clearRequests();

    const notFound = { code: "NOT_FOUND" };
    await expect(getIntegration(intruder.id, id)).rejects.toMatchObject(notFound);
    await expect(getWebhookEndpointStatus(intruder.id, id)).rejects.toMatchObject(notFound);
    await expect(updateIntegration(intruder.id, id, integrationInput(""))).rejects.toMatchObject(notFound);
    await expect(setIntegrationEnabled(intruder.id, id, false)).rejects.toMatchObject(notFound);
    await expect(deleteIntegration(intruder.id, id)).rejects.toMatchObject(notFound);
    expect(await findIntegrationSummaries(intruder.id)).toEqual([]);

    expect(fakes.stripe.requests()).toHaveLength(0);
    expect(fakes.stripe.webhookEndpoints(stripeAccountId)).toHaveLength(1);
    expect(await prisma.integration.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect((await findIntegrationSummaries(owner.id)).map((summary) => summary.id)).toEqual([id]);
  });

  it("an unknown id is NOT_FOUND too", async () => {
    const account = await createTestAccount();
    await expect(getIntegration(account.id, "does-not-exist")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
