import { beforeEach, describe, expect, it } from "vitest";
import { encryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { WEBHOOK_EVENT_TYPES } from "@/lib/mapping/plan-deliveries";
import { clearWebhookEndpointStatusCache } from "@/lib/server/integrations/check-webhook-endpoint";
import { createIntegration } from "@/lib/server/integrations/create-integration";
import { findIntegrationSummaries } from "@/lib/server/integrations/find-integration-summaries";
import { getWebhookEndpointStatus } from "@/lib/server/integrations/get-webhook-endpoint-status";
import { setIntegrationEnabled } from "@/lib/server/integrations/set-integration-enabled";
import { createTestAccount } from "@/testing/db/factories";
import { createStripeAccount, integrationInput } from "@/testing/fakes/integration-fixtures";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes();

// What integrations created before charge.dispute.closed was added to the list were registered for.
const THREE_EVENTS = ["invoice.paid", "checkout.session.completed", "charge.refunded"] as const;

beforeEach(() => clearWebhookEndpointStatusCache());

/** An integration whose endpoint Stripe knows with the three events of an older portal. */
async function setUpOldEndpoint(apiKey?: string) {
  const account = await createTestAccount();
  const stripeAccount = apiKey ? undefined : createStripeAccount(fakes.stripe);
  const key = apiKey ?? stripeAccount!.apiKey;
  const { id } = await createIntegration(account.id, integrationInput(key));
  const row = await prisma.integration.findUniqueOrThrow({ where: { id } });
  const endpointId = row.stripeWebhookEndpointId!;
  await fakes.stripe.client(key).webhookEndpoints.update(endpointId, { enabled_events: [...THREE_EVENTS] });
  fakes.stripe.clearRequests();
  return { account, id, endpointId, apiKey: key };
}

function endpointOf(stripeAccountId: string, endpointId: string) {
  const endpoint = fakes.stripe.webhookEndpoints(stripeAccountId).find((item) => item.id === endpointId);
  expect(endpoint).toBeDefined();
  return endpoint!;
}

const routesCalled = () => fakes.stripe.requests().map((request) => `${request.method} ${request.route}`);

describe("checking the webhook endpoint (SPEC §3: older endpoints are brought up to the event list)", () => {
  it("updates a 3-event endpoint to the four events in place on check, and the result says which were added", async () => {
    const { stripeAccountId, apiKey } = createStripeAccount(fakes.stripe);
    const { account, id, endpointId } = await setUpOldEndpoint(apiKey);

    const before = Date.now();
    const check = await getWebhookEndpointStatus(account.id, id);

    expect(check).toMatchObject({
      status: "enabled",
      missingEvents: [],
      eventsUpdate: { addedEvents: ["charge.dispute.closed"] },
      eventsUpdateError: null,
    });
    expect([...check.enabledEvents!].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    expect(check.eventsUpdate!.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(routesCalled()).toEqual(["GET webhook_endpoints.retrieve", "POST webhook_endpoints.update"]);
    const [update] = fakes.stripe.requests({ method: "POST" });
    expect(update!.body).toMatchObject({
      enabled_events: [...THREE_EVENTS, "charge.dispute.closed"],
      metadata: { portal_events_added: "charge.dispute.closed" },
    });

    // The same endpoint, updated in place: same id, same URL, the four events.
    const endpoint = endpointOf(stripeAccountId, endpointId);
    expect([...endpoint.enabled_events].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    expect(endpoint.url).toBe(`${fakes.publicUrl}/api/webhooks/stripe/${id}`);
    expect(fakes.stripe.webhookEndpoints(stripeAccountId)).toHaveLength(1);

    // After a reload in another process (empty cache) the page still learns what was added, from Stripe,
    // and nothing is updated twice.
    clearWebhookEndpointStatusCache();
    fakes.stripe.clearRequests();
    const later = await getWebhookEndpointStatus(account.id, id);
    expect(later.eventsUpdate).toEqual(check.eventsUpdate);
    expect(later.missingEvents).toEqual([]);
    expect(routesCalled()).toEqual(["GET webhook_endpoints.retrieve"]);
  });

  it("leaves an endpoint that already has the four events alone", async () => {
    const account = await createTestAccount();
    const { stripeAccountId, apiKey } = createStripeAccount(fakes.stripe);
    const { id } = await createIntegration(account.id, integrationInput(apiKey));
    const [before] = fakes.stripe.webhookEndpoints(stripeAccountId);
    fakes.stripe.clearRequests();

    const check = await getWebhookEndpointStatus(account.id, id);

    expect(check).toEqual({
      status: "enabled",
      enabledEvents: [...WEBHOOK_EVENT_TYPES],
      missingEvents: [],
      eventsUpdate: null,
      eventsUpdateError: null,
    });
    expect(routesCalled()).toEqual(["GET webhook_endpoints.retrieve"]);
    expect(fakes.stripe.webhookEndpoints(stripeAccountId)).toEqual([before]);
  });

  it("leaves an endpoint that receives every event (*) alone", async () => {
    const { apiKey } = createStripeAccount(fakes.stripe);
    const { account, id, endpointId } = await setUpOldEndpoint(apiKey);
    await fakes.stripe.client(apiKey).webhookEndpoints.update(endpointId, { enabled_events: ["*"] });
    fakes.stripe.clearRequests();
    expect(await getWebhookEndpointStatus(account.id, id)).toMatchObject({ enabledEvents: ["*"], missingEvents: [] });
    expect(routesCalled()).toEqual(["GET webhook_endpoints.retrieve"]);
  });

  it("reports a key that cannot update the endpoint without failing the check", async () => {
    const stripeAccount = fakes.stripe.addAccount({
      keys: [{}, { kind: "restricted", missingPermissions: ["rak_webhook_write"] }],
    });
    const [secretKey, readOnlyKey] = stripeAccount.keys.map((key) => key.key);
    const { account, id, endpointId } = await setUpOldEndpoint(secretKey);
    // The brand later saved a restricted key that may read endpoints but not change them.
    await prisma.integration.update({
      where: { id },
      data: { stripeApiKeyEncrypted: encryptSecret(readOnlyKey!, integrationSecret(id, "stripeApiKeyEncrypted")) },
    });
    fakes.stripe.clearRequests();

    const check = await getWebhookEndpointStatus(account.id, id);

    expect(check).toMatchObject({
      status: "enabled",
      enabledEvents: [...THREE_EVENTS],
      missingEvents: ["charge.dispute.closed"],
      eventsUpdate: null,
      eventsUpdateError: expect.stringMatching(/lacks permission rak_webhook_write/),
    });
    expect(fakes.stripe.requests({ method: "POST" }).map((request) => request.status)).toEqual([403]);
    expect([...endpointOf(stripeAccount.id, endpointId).enabled_events]).toEqual([...THREE_EVENTS]);
    // The dashboard's badge is unaffected.
    expect(await (await findIntegrationSummaries(account.id))[0]!.endpointStatus).toBe("enabled");
  });

  it("reports Stripe failing during the update, keeping the status it read", async () => {
    const { account, id } = await setUpOldEndpoint();
    fakes.stripe.failNext({ method: "POST", path: "/v1/webhook_endpoints/", action: { kind: "error", status: 500 } });
    const check = await getWebhookEndpointStatus(account.id, id);
    expect(check).toMatchObject({
      status: "enabled",
      missingEvents: ["charge.dispute.closed"],
      eventsUpdateError: expect.stringMatching(/Stripe had an internal error while adding charge\.dispute\.closed/),
    });
  });

  it("does not change a disabled endpoint, and brings it up to the list once the integration is enabled", async () => {
    const { stripeAccountId, apiKey } = createStripeAccount(fakes.stripe);
    const { account, id, endpointId } = await setUpOldEndpoint(apiKey);
    await setIntegrationEnabled(account.id, id, false);
    fakes.stripe.clearRequests();

    expect(await getWebhookEndpointStatus(account.id, id)).toMatchObject({
      status: "disabled",
      missingEvents: ["charge.dispute.closed"],
      eventsUpdateError: null,
    });
    expect(fakes.stripe.requests({ method: "POST" })).toHaveLength(0);

    await setIntegrationEnabled(account.id, id, true);
    expect(await getWebhookEndpointStatus(account.id, id)).toMatchObject({
      status: "enabled",
      missingEvents: [],
      eventsUpdate: { addedEvents: ["charge.dispute.closed"] },
    });
    expect([...endpointOf(stripeAccountId, endpointId).enabled_events].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
  });

  it("the dashboard's check brings the endpoint up to the list too", async () => {
    const { stripeAccountId, apiKey } = createStripeAccount(fakes.stripe);
    const { account, endpointId } = await setUpOldEndpoint(apiKey);
    expect(await (await findIntegrationSummaries(account.id))[0]!.endpointStatus).toBe("enabled");
    expect(endpointOf(stripeAccountId, endpointId).enabled_events).toContain("charge.dispute.closed");
  });

  it("a missing endpoint is reported as missing and nothing is created or updated", async () => {
    const { apiKey } = createStripeAccount(fakes.stripe);
    const { account, id, endpointId } = await setUpOldEndpoint(apiKey);
    await fakes.stripe.client(apiKey).webhookEndpoints.del(endpointId);
    fakes.stripe.clearRequests();
    expect(await getWebhookEndpointStatus(account.id, id)).toEqual({
      status: "missing",
      enabledEvents: null,
      missingEvents: [],
      eventsUpdate: null,
      eventsUpdateError: null,
    });
    expect(fakes.stripe.requests({ method: "POST" })).toHaveLength(0);
  });
});
