import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createIntegration } from "@/lib/server/integrations/create-integration";
import { deleteIntegration } from "@/lib/server/integrations/delete-integration";
import { createTestAccount } from "@/testing/db/factories";
import { createStripeAccount, integrationInput } from "@/testing/fakes/integration-fixtures";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes();

async function setUp() {
  const account = await createTestAccount();
  const stripeAccount = createStripeAccount(fakes.stripe);
  const { id } = await createIntegration(account.id, integrationInput(stripeAccount.apiKey));
  return { account, stripeAccount, id };
}

describe("deleteIntegration", () => {
  it("removes the Stripe endpoint first, then the row", async () => {
    const { account, stripeAccount, id } = await setUp();
    const endpointId = fakes.stripe.webhookEndpoints(stripeAccount.stripeAccountId)[0]!.id;
    fakes.stripe.clearRequests();
    await deleteIntegration(account.id, id);
    expect(fakes.stripe.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
      `DELETE /v1/webhook_endpoints/${endpointId}`,
    ]);
    expect(fakes.stripe.webhookEndpoints(stripeAccount.stripeAccountId)).toHaveLength(0);
    expect(await prisma.integration.findUnique({ where: { id } })).toBeNull();
  });

  it("treats an endpoint already removed in Stripe (404) as gone", async () => {
    const { account, stripeAccount, id } = await setUp();
    const endpointId = fakes.stripe.webhookEndpoints(stripeAccount.stripeAccountId)[0]!.id;
    await fakes.stripe.client(stripeAccount.apiKey).webhookEndpoints.del(endpointId);
    await deleteIntegration(account.id, id);
    expect(await prisma.integration.findUnique({ where: { id } })).toBeNull();
  });

  it("keeps the row when Stripe cannot remove the endpoint, so the brand can retry", async () => {
    const { account, stripeAccount, id } = await setUp();
    fakes.stripe.failNext({ method: "DELETE", path: "/v1/webhook_endpoints/", action: { kind: "error", status: 500 } });
    await expect(deleteIntegration(account.id, id)).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
    expect(await prisma.integration.findUnique({ where: { id } })).not.toBeNull();
    expect(fakes.stripe.webhookEndpoints(stripeAccount.stripeAccountId)).toHaveLength(1);
  });

  it("explains the way out when Stripe rejects the saved key", async () => {
    const { account, id } = await setUp();
    fakes.stripe.reset(); // the key and its Stripe account are gone
    await expect(deleteIntegration(account.id, id)).rejects.toMatchObject({
      code: "UPSTREAM_REJECTED",
      message: expect.stringMatching(/rejects the saved API key.*Edit integration/),
    });
    expect(await prisma.integration.findUnique({ where: { id } })).not.toBeNull();
  });
});
