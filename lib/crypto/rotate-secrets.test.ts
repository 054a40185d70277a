import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rotateSecrets } from "@/lib/crypto/rotate-secrets";
import { advocateConnectionSecret, integrationSecret, notificationWebhookSecret } from "@/lib/crypto/secret-bindings";
import { encryptWith, type KeyRing, keyIdOf, keyRingFrom } from "@/lib/crypto/secret-box";
import { decryptSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import { createTestAdvocateConnection } from "@/testing/db/reward-factories";

/** A ciphertext exactly as the portal wrote it before v2: no additional data, `v1.` prefix. */
function sealV1(ring: KeyRing, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current, iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", keyIdOf(ring.current), iv, cipher.getAuthTag(), data]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

const secretsOf = (id: string) =>
  prisma.integration.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      impactAuthTokenEncrypted: true,
      stripeApiKeyEncrypted: true,
      stripeWebhookSecretEncrypted: true,
    },
  });

describe("rotateSecrets", () => {
  it("moves v1 and previous-key secrets to v2 with the current key; a second run changes nothing", async () => {
    const previousKey = randomBytes(32).toString("base64");
    const previous = keyRingFrom(previousKey);
    const ring = keyRingFrom(getEnv().ENCRYPTION_KEY, previousKey);
    const current = keyRingFrom(getEnv().ENCRYPTION_KEY);

    const untouched = (await createTestIntegration()).integration;
    const legacy = await createTestIntegration({ impactAuthToken: "legacy-token-1" });
    const oldKey = await createTestIntegration({ impactAuthToken: "old-key-token" });
    await prisma.integration.update({
      where: { id: legacy.integration.id },
      data: {
        impactAuthTokenEncrypted: sealV1(current, "legacy-token-1"),
        stripeApiKeyEncrypted: sealV1(previous, legacy.stripeApiKey),
      },
    });
    await prisma.integration.update({
      where: { id: oldKey.integration.id },
      data: {
        impactAuthTokenEncrypted: encryptWith(
          previous,
          "old-key-token",
          integrationSecret(oldKey.integration.id, "impactAuthTokenEncrypted"),
        ),
        stripeWebhookSecretEncrypted: encryptWith(
          previous,
          oldKey.webhookSecret,
          integrationSecret(oldKey.integration.id, "stripeWebhookSecretEncrypted"),
        ),
      },
    });
    const untouchedBefore = await secretsOf(untouched.id);

    const first = await rotateSecrets(ring);
    expect(first).toMatchObject({ rows: 3, rotated: 4, current: 5, changedMeanwhile: 0, failed: [] });

    for (const { integration, stripeApiKey, webhookSecret } of [legacy, oldKey]) {
      const row = await secretsOf(integration.id);
      for (const value of [row.impactAuthTokenEncrypted, row.stripeApiKeyEncrypted, row.stripeWebhookSecretEncrypted]) {
        expect(value!.split(".").slice(0, 2)).toEqual(["v2", keyIdOf(current.current)]);
      }
      expect(decryptSecret(row.stripeApiKeyEncrypted, integrationSecret(row.id, "stripeApiKeyEncrypted"))).toBe(
        stripeApiKey,
      );
      expect(
        decryptSecret(row.stripeWebhookSecretEncrypted!, integrationSecret(row.id, "stripeWebhookSecretEncrypted")),
      ).toBe(webhookSecret);
    }
    const legacyRow = await secretsOf(legacy.integration.id);
    expect(
      decryptSecret(legacyRow.impactAuthTokenEncrypted, integrationSecret(legacyRow.id, "impactAuthTokenEncrypted")),
    ).toBe("legacy-token-1");
    expect(await secretsOf(untouched.id)).toEqual(untouchedBefore);

    const rowsAfterFirst = await Promise.all([legacy, oldKey].map(({ integration }) => secretsOf(integration.id)));
    const second = await rotateSecrets(ring);
    expect(second).toMatchObject({ rows: 3, rotated: 0, current: 9, changedMeanwhile: 0, failed: [] });
    expect(await Promise.all([legacy, oldKey].map(({ integration }) => secretsOf(integration.id)))).toEqual(
      rowsAfterFirst,
    );
  });

  it("reports values no configured key opens and leaves them as they are", async () => {
    const { integration } = await createTestIntegration();
    const stranger = encryptWith(
      keyRingFrom(randomBytes(32).toString("base64")),
      "sk_test_unknown",
      integrationSecret(integration.id, "stripeApiKeyEncrypted"),
    );
    await prisma.integration.update({ where: { id: integration.id }, data: { stripeApiKeyEncrypted: stranger } });
    const report = await rotateSecrets(keyRingFrom(getEnv().ENCRYPTION_KEY));
    expect(report.failed).toEqual([
      {
        integrationId: integration.id,
        column: "stripeApiKeyEncrypted",
        reason: expect.stringMatching(/no configured key/),
      },
    ]);
    expect((await secretsOf(integration.id)).stripeApiKeyEncrypted).toBe(stranger);
  });
});

describe("rotateSecrets and Advocate connections", () => {
  it("re-seals an Advocate API key sealed with the previous key, bound to its row; a second run changes nothing", async () => {
    const previousKey = randomBytes(32).toString("base64");
    const ring = keyRingFrom(getEnv().ENCRYPTION_KEY, previousKey);
    const { integration } = await createTestIntegration();
    const { connection, apiKey } = await createTestAdvocateConnection(integration);
    await prisma.advocateConnection.update({
      where: { id: connection.id },
      data: { apiKeyEncrypted: encryptWith(keyRingFrom(previousKey), apiKey, advocateConnectionSecret(connection.id)) },
    });

    const first = await rotateSecrets(ring);
    const sealed = (await prisma.advocateConnection.findUniqueOrThrow({ where: { id: connection.id } }))
      .apiKeyEncrypted;
    const second = await rotateSecrets(ring);

    expect(first.advocateConnections).toBeGreaterThanOrEqual(1);
    expect(
      first.failed.filter((failure) => "integrationId" in failure && failure.integrationId === integration.id),
    ).toEqual([]);
    expect(sealed.split(".").slice(0, 2)).toEqual(["v2", keyIdOf(ring.current)]);
    expect(decryptSecret(sealed, advocateConnectionSecret(connection.id))).toBe(apiKey);
    expect(second.rotated).toBe(0);
    expect((await prisma.advocateConnection.findUniqueOrThrow({ where: { id: connection.id } })).apiKeyEncrypted).toBe(
      sealed,
    );
  });

  it("reports an Advocate key no configured key opens with its table, and leaves it", async () => {
    const { integration } = await createTestIntegration();
    const { connection } = await createTestAdvocateConnection(integration);
    const stranger = encryptWith(
      keyRingFrom(randomBytes(32).toString("base64")),
      "k",
      advocateConnectionSecret(connection.id),
    );
    await prisma.advocateConnection.update({ where: { id: connection.id }, data: { apiKeyEncrypted: stranger } });

    const report = await rotateSecrets(keyRingFrom(getEnv().ENCRYPTION_KEY));

    expect(report.failed).toContainEqual({
      integrationId: integration.id,
      table: "AdvocateConnection",
      column: "apiKeyEncrypted",
      reason: expect.stringMatching(/no configured key/),
    });
    expect((await prisma.advocateConnection.findUniqueOrThrow({ where: { id: connection.id } })).apiKeyEncrypted).toBe(
      stranger,
    );
  });
});

describe("rotateSecrets and alert webhook URLs", () => {
  const webhookOf = async (accountId: string) =>
    (await prisma.notificationSettings.findUniqueOrThrow({ where: { accountId } })).webhookUrlEncrypted!;

  it("seals a URL saved in plain before the column was sealed and re-seals an old-key one, bound to the account", async () => {
    const previousKey = randomBytes(32).toString("base64");
    const ring = keyRingFrom(getEnv().ENCRYPTION_KEY, previousKey);
    const plainUrl = "https://hooks.slack.com/services/T0PLAIN/B0PLAIN/plain-path-secret";
    const oldKeyUrl = "https://hooks.slack.com/services/T0OLD/B0OLD/old-key-path-secret";
    const plain = await createTestAccount();
    const oldKey = await createTestAccount();
    await prisma.notificationSettings.create({ data: { accountId: plain.id, webhookUrlEncrypted: plainUrl } });
    await prisma.notificationSettings.create({
      data: {
        accountId: oldKey.id,
        webhookUrlEncrypted: encryptWith(keyRingFrom(previousKey), oldKeyUrl, notificationWebhookSecret(oldKey.id)),
      },
    });

    const first = await rotateSecrets(ring);

    // Earlier tests of this file left values no key opens in other tables; these accounts have none.
    const failedHere = (report: typeof first) => report.failed.filter((failure) => "accountId" in failure);
    expect(first).toMatchObject({ sealedPlain: 1, changedMeanwhile: 0 });
    expect(failedHere(first)).toEqual([]);
    expect(first.notificationSettings).toBeGreaterThanOrEqual(2);
    expect(first.rotated).toBeGreaterThanOrEqual(1);
    for (const [account, url] of [
      [plain, plainUrl],
      [oldKey, oldKeyUrl],
    ] as const) {
      const sealed = await webhookOf(account.id);
      expect(sealed.split(".").slice(0, 2)).toEqual(["v2", keyIdOf(ring.current)]);
      expect(sealed).not.toContain("secret");
      expect(decryptSecret(sealed, notificationWebhookSecret(account.id))).toBe(url);
      // Bound to its own row: the other account's binding does not open it.
      expect(() => decryptSecret(sealed, notificationWebhookSecret(`${account.id}x`))).toThrow(/failed authentication/);
    }

    const sealedAfterFirst = await Promise.all([plain, oldKey].map((account) => webhookOf(account.id)));
    const second = await rotateSecrets(ring);
    expect(second).toMatchObject({ rotated: 0, sealedPlain: 0, changedMeanwhile: 0 });
    expect(failedHere(second)).toEqual([]);
    expect(await Promise.all([plain, oldKey].map((account) => webhookOf(account.id)))).toEqual(sealedAfterFirst);
  });

  it("reports a webhook URL no configured key opens with its account, and leaves it", async () => {
    const account = await createTestAccount();
    const stranger = encryptWith(
      keyRingFrom(randomBytes(32).toString("base64")),
      "https://hooks.slack.com/services/T/B/x",
      notificationWebhookSecret(account.id),
    );
    await prisma.notificationSettings.create({ data: { accountId: account.id, webhookUrlEncrypted: stranger } });

    const report = await rotateSecrets(keyRingFrom(getEnv().ENCRYPTION_KEY));

    expect(report.failed).toContainEqual({
      accountId: account.id,
      table: "NotificationSettings",
      column: "webhookUrlEncrypted",
      reason: expect.stringMatching(/no configured key/),
    });
    expect(await webhookOf(account.id)).toBe(stranger);
  });
});
