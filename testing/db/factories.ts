// Rows for tests, made the way the product makes them (secrets encrypted with the configured key).

import { randomBytes } from "node:crypto";
import { encryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { DEFAULT_INTEGRATION } from "@/testing/db/default-integration";
import { stripeSignatureFor } from "@/testing/fakes/stripe/webhook-delivery";

const unique = () => randomBytes(6).toString("hex");

export async function createTestAccount(overrides: { impactSid?: string; companyName?: string } = {}) {
  const impactSid = overrides.impactSid ?? `IR${unique().toUpperCase()}TEST`;
  return prisma.account.create({
    data: {
      impactSid,
      companyName: overrides.companyName ?? `Brand ${impactSid}`,
    },
  });
}

export type TestIntegrationOptions = {
  accountId?: string;
  webhookSecret?: string;
  stripeApiKey?: string;
  impactAuthToken?: string;
  isEnabled?: boolean;
};

/** An integration as if created through the form, with a known webhook signing secret. */
export async function createTestIntegration(options: TestIntegrationOptions = {}) {
  const accountId = options.accountId ?? (await createTestAccount()).id;
  const webhookSecret = options.webhookSecret ?? `whsec_${unique()}${unique()}`;
  const stripeApiKey = options.stripeApiKey ?? `sk_test_${unique()}${unique()}`;
  // The id is chosen before the insert because the sealed secrets are bound to their row.
  const id = `cint${unique()}${unique()}`;
  const integration = await prisma.integration.create({
    data: {
      id,
      accountId,
      siteUrl: DEFAULT_INTEGRATION.siteUrl,
      programId: DEFAULT_INTEGRATION.programId,
      eventTypeId: DEFAULT_INTEGRATION.eventTypeId,
      recurringEventTypeId: DEFAULT_INTEGRATION.recurringEventTypeId,
      impactAuthTokenEncrypted: encryptSecret(
        options.impactAuthToken ?? DEFAULT_INTEGRATION.impactAuthToken,
        integrationSecret(id, "impactAuthTokenEncrypted"),
      ),
      stripeApiKeyEncrypted: encryptSecret(stripeApiKey, integrationSecret(id, "stripeApiKeyEncrypted")),
      stripeApiKeyLast4: stripeApiKey.slice(-4),
      stripeWebhookEndpointId: `we_${unique()}`,
      stripeWebhookSecretEncrypted: encryptSecret(webhookSecret, integrationSecret(id, "stripeWebhookSecretEncrypted")),
      mode: "test",
      isEnabled: options.isEnabled ?? true,
    },
    include: { account: true },
  });
  return { integration, account: integration.account, webhookSecret, stripeApiKey };
}

/** A webhook request exactly as Stripe sends it: raw JSON body and a Stripe-Signature header. */
export function signedWebhookRequest(
  url: string,
  event: object,
  secret: string,
  options: { timestamp?: number; body?: string } = {},
) {
  const payload = options.body ?? JSON.stringify(event);
  const signature = stripeSignatureFor(payload, secret, options.timestamp);
  return new Request(url, {
    method: "POST",
    body: payload,
    headers: { "content-type": "application/json", "stripe-signature": signature },
  });
}
