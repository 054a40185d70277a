// Accounts and integrations as the form would make them (secrets sealed with the harness key), written
// with plain SQL so the harness needs neither Next nor the Prisma client.

import { randomBytes } from "node:crypto";
import pg from "pg";
import { integrationSecret } from "@/lib/crypto/secret-bindings";
import { encryptWith, keyRingFrom } from "@/lib/crypto/secret-box";
import { DEFAULT_INTEGRATION } from "@/testing/db/default-integration";
import { HARNESS } from "@/testing/harness/harness-config";

export type SeededIntegration = {
  id: string;
  accountId: string;
  impactSid: string;
  webhookSecret: string;
  stripeApiKey: string;
};

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/** `accounts` accounts with `perAccount` integrations each, enabled, test mode, the DEFAULT_INTEGRATION program and event types. */
export async function seedIntegrations(
  databaseUrl: string,
  { accounts = 1, perAccount = 1 } = {},
): Promise<SeededIntegration[]> {
  const ring = keyRingFrom(HARNESS.encryptionKey);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const seeded: SeededIntegration[] = [];
  try {
    for (let a = 0; a < accounts; a++) {
      const accountId = `acc_bench_${hex(6)}`;
      const impactSid = `IRBENCH${hex(8).toUpperCase()}`;
      await client.query(
        `INSERT INTO "Account" (id, "impactSid", "companyName", "updatedAt") VALUES ($1, $2, $3, now())`,
        [accountId, impactSid, `Bench Brand ${a + 1}`],
      );
      for (let i = 0; i < perAccount; i++) {
        const id = `int_bench_${hex(8)}`;
        const webhookSecret = `whsec_${hex(16)}`;
        const stripeApiKey = `sk_test_bench${hex(12)}`;
        await client.query(
          `INSERT INTO "Integration" (id, "accountId", "siteUrl", "programId", "eventTypeId", "recurringEventTypeId",
             "impactAuthTokenEncrypted", "stripeApiKeyEncrypted", "stripeApiKeyLast4", "stripeWebhookEndpointId",
             "stripeWebhookSecretEncrypted", mode, "isEnabled", "updatedAt")
           VALUES ($1, $2, $8, $9, $10, $11, $3, $4, $5, $6, $7, 'test', true, now())`,
          [
            id,
            accountId,
            encryptWith(ring, HARNESS.impactToken, integrationSecret(id, "impactAuthTokenEncrypted")),
            encryptWith(ring, stripeApiKey, integrationSecret(id, "stripeApiKeyEncrypted")),
            stripeApiKey.slice(-4),
            `we_${hex(8)}`,
            encryptWith(ring, webhookSecret, integrationSecret(id, "stripeWebhookSecretEncrypted")),
            DEFAULT_INTEGRATION.siteUrl,
            DEFAULT_INTEGRATION.programId,
            DEFAULT_INTEGRATION.eventTypeId,
            DEFAULT_INTEGRATION.recurringEventTypeId,
          ],
        );
        seeded.push({ id, accountId, impactSid, webhookSecret, stripeApiKey });
      }
    }
  } finally {
    await client.end();
  }
  return seeded;
}
