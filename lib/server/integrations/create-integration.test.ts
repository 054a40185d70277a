import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { decryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { WEBHOOK_EVENT_TYPES } from "@/lib/mapping/plan-deliveries";
import { createIntegration } from "@/lib/server/integrations/create-integration";
import { getIntegration } from "@/lib/server/integrations/get-integration";
import { DEFAULT_INTEGRATION } from "@/testing/db/default-integration";
import { createTestAccount } from "@/testing/db/factories";
import { createStripeAccount, integrationInput } from "@/testing/fakes/integration-fixtures";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes();

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("createIntegration", () => {
  it("registers one endpoint for the four events at the pinned API version and stores its secret encrypted", async () => {
    const account = await createTestAccount();
    const { stripeAccountId, apiKey } = createStripeAccount(fakes.stripe);

    const { id } = await createIntegration(account.id, integrationInput(apiKey));

    const endpoints = fakes.stripe.webhookEndpoints(stripeAccountId);
    expect(endpoints).toHaveLength(1);
    const [endpoint] = endpoints;
    expect(endpoint).toMatchObject({
      url: `${fakes.publicUrl}/api/webhooks/stripe/${id}`,
      api_version: Stripe.API_VERSION,
      metadata: { integration_id: id, portal: "payments-integration-portal" },
      status: "enabled",
    });
    expect([...endpoint!.enabled_events].sort()).toEqual([
      "charge.dispute.closed",
      "charge.refunded",
      "checkout.session.completed",
      "invoice.paid",
    ]);
    expect([...endpoint!.enabled_events].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());

    const row = await prisma.integration.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      accountId: account.id,
      siteUrl: "https://shop.example.com",
      programId: DEFAULT_INTEGRATION.programId,
      eventTypeId: DEFAULT_INTEGRATION.eventTypeId,
      recurringEventTypeId: DEFAULT_INTEGRATION.recurringEventTypeId,
      mode: "test",
      isEnabled: true,
      clickIdFromClientReference: false,
      stripeWebhookEndpointId: endpoint!.id,
      stripeApiKeyLast4: apiKey.slice(-4),
    });
    expect(row.stripeWebhookSecretEncrypted).not.toContain(endpoint!.secret);
    expect(
      decryptSecret(row.stripeWebhookSecretEncrypted!, integrationSecret(row.id, "stripeWebhookSecretEncrypted")),
    ).toBe(endpoint!.secret);
    expect(row.stripeApiKeyEncrypted).not.toContain(apiKey);
    expect(decryptSecret(row.stripeApiKeyEncrypted, integrationSecret(row.id, "stripeApiKeyEncrypted"))).toBe(apiKey);
    expect(decryptSecret(row.impactAuthTokenEncrypted, integrationSecret(row.id, "impactAuthTokenEncrypted"))).toBe(
      DEFAULT_INTEGRATION.impactAuthToken,
    );
  });

  it("stores the Click ID in client_reference_id setting when the box is ticked", async () => {
    const account = await createTestAccount();
    const { apiKey } = createStripeAccount(fakes.stripe);
    const ticked = await createIntegration(account.id, {
      ...integrationInput(apiKey),
      clickIdFromClientReference: "on",
    });
    expect((await getIntegration(account.id, ticked.id)).clickIdFromClientReference).toBe(true);
    const unticked = await createIntegration(account.id, integrationInput(apiKey));
    expect((await getIntegration(account.id, unticked.id)).clickIdFromClientReference).toBe(false);
  });

  it("takes the mode from the key prefix", async () => {
    const account = await createTestAccount();
    const { apiKey } = createStripeAccount(fakes.stripe, { livemode: true, kind: "restricted" });
    expect(apiKey).toMatch(/^rk_live_/);
    const { id } = await createIntegration(account.id, integrationInput(apiKey));
    expect((await getIntegration(account.id, id)).mode).toBe("live");
  });

  it("validates before calling Stripe, naming the field", async () => {
    const account = await createTestAccount();
    const error = await rejection(
      createIntegration(account.id, integrationInput("sk_test_abcdefgh1234", { programId: "x1" })),
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST", field: "programId" });
    expect(fakes.stripe.requests()).toHaveLength(0);
  });

  it("answers 401 with 'invalid API key' on the API Key field and creates nothing", async () => {
    const account = await createTestAccount();
    const error = await rejection(createIntegration(account.id, integrationInput("sk_test_unknownKey12345678")));
    expect(error.field).toBe("apiKey");
    expect(error.message).toMatch(/invalid API key/i);
    expect(await prisma.integration.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("answers 403 naming the permission a restricted key lacks, for the read and for the create", async () => {
    const account = await createTestAccount();
    const reader = createStripeAccount(fakes.stripe, { kind: "restricted", missingPermissions: ["rak_webhook_read"] });
    const readError = await rejection(createIntegration(account.id, integrationInput(reader.apiKey)));
    expect(readError).toMatchObject({ field: "apiKey", code: "FORBIDDEN" });
    expect(readError.message).toMatch(/this restricted key lacks permission rak_webhook_read/i);

    const writer = createStripeAccount(fakes.stripe, { kind: "restricted", missingPermissions: ["rak_webhook_write"] });
    const writeError = await rejection(createIntegration(account.id, integrationInput(writer.apiKey)));
    expect(writeError.message).toMatch(/this restricted key lacks permission rak_webhook_write/i);
    expect(fakes.stripe.webhookEndpoints(writer.stripeAccountId)).toHaveLength(0);
    expect(await prisma.integration.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("says Stripe is unreachable when the network fails, and creates nothing", async () => {
    const account = await createTestAccount();
    const { stripeAccountId, apiKey } = createStripeAccount(fakes.stripe);
    fakes.stripe.failNext({ path: "/v1/webhook_endpoints", count: Infinity, action: { kind: "reset" } });
    const error = await rejection(createIntegration(account.id, integrationInput(apiKey)));
    expect(error).toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
    expect(error.message).toMatch(/Stripe unreachable/);
    fakes.stripe.clearFailures();
    expect(fakes.stripe.webhookEndpoints(stripeAccountId)).toHaveLength(0);
    expect(await prisma.integration.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("refuses when the account already has 16 endpoints, naming the limit and listing them", async () => {
    const account = await createTestAccount();
    const { stripeAccountId, apiKey } = createStripeAccount(fakes.stripe);
    const direct = fakes.stripe.client(apiKey);
    for (let index = 0; index < 16; index++) {
      await direct.webhookEndpoints.create({ url: `https://other-${index}.example.com/hook`, enabled_events: ["*"] });
    }
    const error = await rejection(createIntegration(account.id, integrationInput(apiKey)));
    expect(error).toMatchObject({ code: "CONFLICT", field: "apiKey" });
    expect(error.message).toContain("at most 16");
    expect(error.message).toContain("https://other-0.example.com/hook");
    expect(error.message).toContain("https://other-15.example.com/hook");
    expect(fakes.stripe.webhookEndpoints(stripeAccountId)).toHaveLength(16);
    expect(await prisma.integration.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("stores nothing when Stripe fails to create the endpoint", async () => {
    const account = await createTestAccount();
    const { stripeAccountId, apiKey } = createStripeAccount(fakes.stripe);
    fakes.stripe.failNext({ method: "POST", path: "/v1/webhook_endpoints", action: { kind: "error", status: 500 } });
    const error = await rejection(createIntegration(account.id, integrationInput(apiKey)));
    expect(error.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(fakes.stripe.webhookEndpoints(stripeAccountId)).toHaveLength(0);
    expect(await prisma.integration.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("deletes the endpoint again when the insert fails after Stripe created it", async () => {
    const { stripeAccountId, apiKey } = createStripeAccount(fakes.stripe);
    // No such account row: the insert fails on its foreign key, after the endpoint exists.
    await expect(createIntegration("no-such-account", integrationInput(apiKey))).rejects.toThrow();
    const created = fakes.stripe.requests({ method: "POST", path: "/v1/webhook_endpoints" });
    const deleted = fakes.stripe.requests({ method: "DELETE", path: "/v1/webhook_endpoints/" });
    expect(created).toHaveLength(1);
    expect(deleted).toHaveLength(1);
    expect(fakes.stripe.webhookEndpoints(stripeAccountId)).toHaveLength(0);
    expect(await prisma.integration.count({ where: { accountId: "no-such-account" } })).toBe(0);
  });
});
