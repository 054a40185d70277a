// The delivery path raises and resolves alerts (SPEC §12), through the local runner against the fake
// Stripe and impact.com over HTTP: an exhausted delivery, a rejected submission, impact.com refusing the
// token, Stripe refusing the key on a read, and the endpoint check finding the endpoint missing or disabled.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { findOpenAlerts } from "@/lib/server/alerts/find-open-alerts";
import { LocalWorker } from "@/lib/server/deliveries/local-worker";
import { markDeliveryExhausted } from "@/lib/server/deliveries/mark-delivery-exhausted";
import { clearWebhookEndpointStatusCache } from "@/lib/server/integrations/check-webhook-endpoint";
import { createIntegration } from "@/lib/server/integrations/create-integration";
import { getWebhookEndpointStatus } from "@/lib/server/integrations/get-webhook-endpoint-status";
import { setIntegrationEnabled } from "@/lib/server/integrations/set-integration-enabled";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { DEFAULT_INTEGRATION } from "@/testing/db/default-integration";
import { createTestAccount } from "@/testing/db/factories";
import { parkActiveDeliveries, settleIntegration } from "@/testing/db/fast-forward";
import { createConnectedIntegration } from "@/testing/fakes/connected-integration";
import { createStripeAccount, integrationInput } from "@/testing/fakes/integration-fixtures";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildEvent, buildPaidInvoice } from "@/testing/stripe/builders";

beforeAll(() => {
  process.env.DELIVERY_MAX_ATTEMPTS = "2";
  process.env.IMPACT_POLL_DELAY = "1s";
});
const fakes = useFakes({ impact: { submissionTiming: { completeAfterMs: 0 } } });
const worker = new LocalWorker({ impactTimeoutMs: 500 });

beforeEach(async () => {
  await parkActiveDeliveries();
  clearWebhookEndpointStatusCache();
});

async function deliverInvoice(integration: Parameters<typeof storeStripeEvent>[0]) {
  const invoice = buildPaidInvoice({ billingReason: "subscription_create", amountPaid: 1999 });
  const stored = await storeStripeEvent(integration, buildEvent("invoice.paid", invoice), "webhook");
  await settleIntegration(worker, integration.id);
  const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: stored.deliveries[0]!.id } });
  return { invoice, delivery };
}

const openAlerts = async (accountId: string) =>
  (await findOpenAlerts(accountId)).map(({ kind, count, detail }) => ({ kind, count, detail }));

describe("deliveries raise alerts", () => {
  it("an exhausted delivery raises delivery_exhausted with its order and reason", async () => {
    const { account, integration } = await createConnectedIntegration(fakes);
    fakes.impact.failNext({ path: "Conversions", count: 2, action: { kind: "error", status: 503 } });

    const { invoice, delivery } = await deliverInvoice(integration);

    expect(delivery.status).toBe("exhausted");
    expect(await openAlerts(account.id)).toEqual([
      {
        kind: "delivery_exhausted",
        count: 1,
        detail: expect.stringMatching(new RegExp(`^Order ${invoice.id}: impact.com error 503.*gave up after 2`)),
      },
    ]);
  });

  it("a delivery the Inngest runner gave up on raises delivery_exhausted too", async () => {
    const { account, integration } = await createConnectedIntegration(fakes);
    const invoice = buildPaidInvoice({ billingReason: "subscription_create" });
    const stored = await storeStripeEvent(integration, buildEvent("invoice.paid", invoice), "webhook");

    expect(await markDeliveryExhausted(stored.deliveries[0]!.id, "Inngest gave up after 20 retries")).toBe(true);
    expect(await openAlerts(account.id)).toEqual([
      { kind: "delivery_exhausted", count: 1, detail: `Order ${invoice.id}: Inngest gave up after 20 retries` },
    ]);
  });

  it("a submission impact.com rejected raises delivery_rejected with impact.com's words", async () => {
    const { account, integration } = await createConnectedIntegration(fakes);
    fakes.impact.rejectSubmissions({
      when: { actionTrackerId: DEFAULT_INTEGRATION.eventTypeId },
      errorType: "Validation",
      errorReason: "ACTIONTRACKER_NOT_FOUND",
    });

    const { invoice, delivery } = await deliverInvoice(integration);
    await deliverInvoice(integration);

    expect(delivery.status).toBe("rejected");
    const [alert, ...others] = await openAlerts(account.id);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ kind: "delivery_rejected", count: 2 });
    expect(alert!.detail).toContain("ACTIONTRACKER_NOT_FOUND");
    expect(alert!.detail).not.toContain(invoice.id); // the latest occurrence's order
  });

  it("impact.com answering 401 raises impact_token_refused; the next accepted delivery resolves it", async () => {
    const stripeAccount = fakes.stripe.addAccount({ keys: [{}] });
    const account = await createTestAccount();
    fakes.impact.addAccount({ sid: account.impactSid, authTokens: ["the-right-token"] });
    const { id } = await createIntegration(
      account.id,
      integrationInput(stripeAccount.keys[0]!.key, { authToken: "a-revoked-token" }),
    );
    const integration = await prisma.integration.findUniqueOrThrow({ where: { id }, include: { account: true } });

    const { delivery } = await deliverInvoice(integration);
    expect(delivery).toMatchObject({ status: "rejected", lastStatusCode: 401 });
    expect((await openAlerts(account.id)).map((alert) => alert.kind).sort()).toEqual([
      "delivery_rejected",
      "impact_token_refused",
    ]);
    const token = (await findOpenAlerts(account.id)).find((alert) => alert.kind === "impact_token_refused")!;
    expect(token.detail).toMatch(/impact.com rejected the request \(401\)/);

    // The brand enters the right token: the next delivery is accepted, the token alert goes.
    await prisma.integration.update({
      where: { id },
      data: {
        impactAuthTokenEncrypted: encryptSecret("the-right-token", integrationSecret(id, "impactAuthTokenEncrypted")),
      },
    });
    expect((await deliverInvoice(integration)).delivery.status).toBe("delivered");
    expect((await openAlerts(account.id)).map((alert) => alert.kind)).toEqual(["delivery_rejected"]);
  });

  it("Stripe answering 401 on a read raises stripe_key_refused; the next answered read resolves it", async () => {
    const { account, integration } = await createConnectedIntegration(fakes);
    fakes.stripe.failNext({ path: "/v1/", count: Number.POSITIVE_INFINITY, action: { kind: "error", status: 401 } });

    const invoice = buildPaidInvoice({ billingReason: "subscription_create" });
    const stored = await storeStripeEvent(integration, buildEvent("invoice.paid", invoice), "webhook");
    await worker.drain();
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: stored.deliveries[0]!.id } });
    expect(delivery.status).toBe("retrying");
    const [alert] = await findOpenAlerts(account.id);
    expect(alert).toMatchObject({ kind: "stripe_key_refused", count: 1 });
    expect(alert!.detail).toContain("Stripe rejected the API key (401)");

    fakes.stripe.clearFailures();
    await settleIntegration(worker, integration.id);
    expect(await openAlerts(account.id)).toEqual([]);
  });
});

describe("the endpoint check raises alerts", () => {
  async function connectedThroughTheForm() {
    const account = await createTestAccount();
    const { stripeAccountId, apiKey } = createStripeAccount(fakes.stripe);
    const { id } = await createIntegration(account.id, integrationInput(apiKey));
    const row = await prisma.integration.findUniqueOrThrow({ where: { id } });
    return { account, id, stripeAccountId, apiKey, endpointId: row.stripeWebhookEndpointId! };
  }

  it("an endpoint disabled in Stripe raises stripe_endpoint_disabled; enabled again, it is resolved", async () => {
    const { account, id, apiKey, endpointId } = await connectedThroughTheForm();
    await fakes.stripe.client(apiKey).webhookEndpoints.update(endpointId, { disabled: true });

    expect((await getWebhookEndpointStatus(account.id, id)).status).toBe("disabled");
    expect(await openAlerts(account.id)).toEqual([
      { kind: "stripe_endpoint_disabled", count: 1, detail: expect.stringContaining("disabled") },
    ]);

    await fakes.stripe.client(apiKey).webhookEndpoints.update(endpointId, { disabled: false });
    clearWebhookEndpointStatusCache();
    expect((await getWebhookEndpointStatus(account.id, id)).status).toBe("enabled");
    expect(await openAlerts(account.id)).toEqual([]);
  });

  it("an endpoint the brand disabled with the integration raises nothing", async () => {
    const { account, id } = await connectedThroughTheForm();
    await setIntegrationEnabled(account.id, id, false);

    expect((await getWebhookEndpointStatus(account.id, id)).status).toBe("disabled");
    expect(await openAlerts(account.id)).toEqual([]);
  });

  it("an endpoint deleted in Stripe raises stripe_endpoint_missing, once per real check (cached a minute)", async () => {
    const { account, id, apiKey, endpointId } = await connectedThroughTheForm();
    await fakes.stripe.client(apiKey).webhookEndpoints.del(endpointId);

    expect((await getWebhookEndpointStatus(account.id, id)).status).toBe("missing");
    expect((await getWebhookEndpointStatus(account.id, id)).status).toBe("missing");
    expect(await openAlerts(account.id)).toEqual([
      { kind: "stripe_endpoint_missing", count: 1, detail: expect.stringContaining("no webhook endpoint") },
    ]);
  });

  it("a key Stripe refuses at the check raises stripe_key_refused", async () => {
    const { account, id } = await connectedThroughTheForm();
    fakes.stripe.failNext({ path: "/v1/webhook_endpoints", action: { kind: "error", status: 401 } });

    expect((await getWebhookEndpointStatus(account.id, id)).status).toBe("key_rejected");
    expect((await openAlerts(account.id)).map((alert) => alert.kind)).toEqual(["stripe_key_refused"]);
  });
});
