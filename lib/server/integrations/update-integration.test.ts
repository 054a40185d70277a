import { describe, expect, it, vi } from "vitest";
import { decryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { createIntegration } from "@/lib/server/integrations/create-integration";
import { setIntegrationEnabled } from "@/lib/server/integrations/set-integration-enabled";
import { updateIntegration } from "@/lib/server/integrations/update-integration";
import { createTestAccount } from "@/testing/db/factories";
import { createStripeAccount, integrationInput } from "@/testing/fakes/integration-fixtures";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes();

async function setUp() {
  const account = await createTestAccount();
  const first = createStripeAccount(fakes.stripe);
  const { id } = await createIntegration(account.id, integrationInput(first.apiKey));
  const before = await prisma.integration.findUniqueOrThrow({ where: { id } });
  return { account, first, id, before };
}

describe("updateIntegration", () => {
  it("keeps the stored secrets when their fields are left empty, and only looks at the endpoint in Stripe", async () => {
    const { account, first, id, before } = await setUp();
    fakes.stripe.clearRequests();
    await updateIntegration(account.id, id, { ...integrationInput(""), authToken: "", programId: "4242" });
    const after = await prisma.integration.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({
      programId: "4242",
      impactAuthTokenEncrypted: before.impactAuthTokenEncrypted,
      stripeApiKeyEncrypted: before.stripeApiKeyEncrypted,
      stripeWebhookEndpointId: before.stripeWebhookEndpointId,
    });
    expect(fakes.stripe.requests().map((request) => request.method)).toEqual(["GET"]);
    expect(fakes.stripe.webhookEndpoints(first.stripeAccountId)).toHaveLength(1);
  });

  it("registers the endpoint again with the same key when it was removed in Stripe", async () => {
    const { account, first, id, before } = await setUp();
    await fakes.stripe.client(first.apiKey).webhookEndpoints.del(before.stripeWebhookEndpointId!);
    await updateIntegration(account.id, id, integrationInput(""));
    const [endpoint] = fakes.stripe.webhookEndpoints(first.stripeAccountId);
    expect(endpoint!.url).toBe(`${fakes.publicUrl}/api/webhooks/stripe/${id}`);
    const after = await prisma.integration.findUniqueOrThrow({ where: { id } });
    expect(after.stripeWebhookEndpointId).toBe(endpoint!.id);
    expect(after.stripeApiKeyEncrypted).toBe(before.stripeApiKeyEncrypted);
    expect(
      decryptSecret(after.stripeWebhookSecretEncrypted!, integrationSecret(after.id, "stripeWebhookSecretEncrypted")),
    ).toBe(endpoint!.secret);
  });

  it("turns Click ID in client_reference_id on when ticked and off when the box is left unticked", async () => {
    const { account, id } = await setUp();
    const setting = async () =>
      (await prisma.integration.findUniqueOrThrow({ where: { id } })).clickIdFromClientReference;
    expect(await setting()).toBe(false);
    await updateIntegration(account.id, id, { ...integrationInput(""), clickIdFromClientReference: true });
    expect(await setting()).toBe(true);
    // An unticked checkbox is absent from the form: that turns it off, it does not keep it.
    await updateIntegration(account.id, id, integrationInput(""));
    expect(await setting()).toBe(false);
  });

  it("re-validates every field", async () => {
    const { account, id } = await setUp();
    await expect(
      updateIntegration(account.id, id, { ...integrationInput(""), siteUrl: "http://insecure.example.com" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "siteUrl",
    });
  });

  it("stores a new Auth Token when one is typed", async () => {
    const { account, id } = await setUp();
    await updateIntegration(account.id, id, integrationInput("", { authToken: "a-new-token-99" }));
    const after = await prisma.integration.findUniqueOrThrow({ where: { id } });
    expect(decryptSecret(after.impactAuthTokenEncrypted, integrationSecret(after.id, "impactAuthTokenEncrypted"))).toBe(
      "a-new-token-99",
    );
  });

  it("with a new key: registers a new endpoint first, updates the row, then removes the old endpoint with the old key", async () => {
    const { account, first, id, before } = await setUp();
    const second = createStripeAccount(fakes.stripe, { livemode: true });
    fakes.stripe.clearRequests();

    await updateIntegration(account.id, id, integrationInput(second.apiKey));

    const [newEndpoint] = fakes.stripe.webhookEndpoints(second.stripeAccountId);
    expect(newEndpoint).toMatchObject({
      url: `${fakes.publicUrl}/api/webhooks/stripe/${id}`,
      metadata: { integration_id: id },
    });
    expect(fakes.stripe.webhookEndpoints(first.stripeAccountId)).toHaveLength(0);
    const after = await prisma.integration.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({
      mode: "live",
      stripeWebhookEndpointId: newEndpoint!.id,
      stripeApiKeyLast4: second.apiKey.slice(-4),
    });
    expect(decryptSecret(after.stripeApiKeyEncrypted, integrationSecret(after.id, "stripeApiKeyEncrypted"))).toBe(
      second.apiKey,
    );
    expect(
      decryptSecret(after.stripeWebhookSecretEncrypted!, integrationSecret(after.id, "stripeWebhookSecretEncrypted")),
    ).toBe(newEndpoint!.secret);

    const order = fakes.stripe
      .requests()
      .map((request) => `${request.method} ${request.apiKey === first.apiKey ? "old" : "new"}`);
    expect(order).toEqual(["GET new", "POST new", "DELETE old"]);
    const [deleted] = fakes.stripe.requests({ method: "DELETE" });
    expect(deleted!.path).toBe(`/v1/webhook_endpoints/${before.stripeWebhookEndpointId}`);
  });

  it("keeps a disabled integration's new endpoint disabled", async () => {
    const { account, id } = await setUp();
    await setIntegrationEnabled(account.id, id, false);
    const second = createStripeAccount(fakes.stripe);
    await updateIntegration(account.id, id, integrationInput(second.apiKey));
    expect(fakes.stripe.webhookEndpoints(second.stripeAccountId)[0]!.status).toBe("disabled");
  });

  it("with a bad new key changes nothing", async () => {
    const { account, first, id, before } = await setUp();
    await expect(
      updateIntegration(account.id, id, integrationInput("sk_test_revokedKey12345678")),
    ).rejects.toMatchObject({
      field: "apiKey",
      message: expect.stringMatching(/invalid API key/i),
    });
    expect(await prisma.integration.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(fakes.stripe.webhookEndpoints(first.stripeAccountId)).toHaveLength(1);
  });

  it("deletes the new endpoint when the row update fails, keeping the old one", async () => {
    const { account, first, id } = await setUp();
    const second = createStripeAccount(fakes.stripe);
    // The database fails exactly at the row update, after Stripe created the new endpoint.
    const update = vi.spyOn(prisma.integration, "updateMany").mockRejectedValueOnce(new Error("database went away"));
    try {
      await expect(updateIntegration(account.id, id, integrationInput(second.apiKey))).rejects.toThrow(
        "database went away",
      );
      expect(update).toHaveBeenCalledTimes(1);
    } finally {
      update.mockRestore();
    }
    expect(fakes.stripe.webhookEndpoints(second.stripeAccountId)).toHaveLength(0);
    expect(fakes.stripe.webhookEndpoints(first.stripeAccountId)).toHaveLength(1);
  });
});
