// The alert webhook URL is a credential (SPEC §12): stored sealed and bound to its account's row, shown again
// only as its host, kept by an empty field and removed only on request; a URL saved in plain before the
// column was sealed is sealed on its first read and keeps receiving messages. NODE_ENV is development so
// the receiver may be local http (notification-policy.test.ts checks the refusals elsewhere).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { notificationWebhookSecret } from "@/lib/crypto/secret-bindings";
import { decryptSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { dispatchAlertNotifications } from "@/lib/server/alerts/dispatch-alert-notifications";
import { getNotificationSettings } from "@/lib/server/alerts/get-notification-settings";
import { raiseAlert } from "@/lib/server/alerts/raise-alert";
import { saveNotificationSettings } from "@/lib/server/alerts/save-notification-settings";
import { sendTestNotification } from "@/lib/server/alerts/send-test-notification";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import { startWebhookReceiver, type WebhookReceiver } from "@/testing/receivers/webhook-receiver";

/** The brand acting on its own account: the actor saveNotificationSettings audits. */
const brandOf = (accountId: string) => ({ role: "brand" as const, accountId });

let webhook: WebhookReceiver;
beforeAll(async () => {
  webhook = await startWebhookReceiver();
  (process.env as Record<string, string>).NODE_ENV = "development";
  delete process.env.SMTP_URL;
});
afterAll(() => webhook.close());
beforeEach(() => {
  webhook.requests.length = 0;
});

const storedOf = async (accountId: string) =>
  (await prisma.notificationSettings.findUniqueOrThrow({ where: { accountId } })).webhookUrlEncrypted;
const keep = { email: "ops@shop.example", webhookUrl: null, removeWebhookUrl: false };

describe("the alert webhook URL at rest", () => {
  it("is sealed bound to the account, shown only as its host, kept by an empty field and removed on request", async () => {
    const account = await createTestAccount();
    const url = "http://127.0.0.1:9/services/T0SEAL/B0SEAL/sealed-path-secret";

    const saved = await saveNotificationSettings(brandOf(account.id), account.id, { ...keep, webhookUrl: url });

    expect(saved).toEqual({
      email: "ops@shop.example",
      webhookHost: "127.0.0.1:9/…",
      isWebhookUnreadable: false,
      isEmailAvailable: false,
    });
    expect(JSON.stringify(saved)).not.toContain("sealed-path-secret");
    const stored = await storedOf(account.id);
    expect(stored).toMatch(/^v2\./);
    expect(stored).not.toContain("127.0.0.1");
    expect(decryptSecret(stored!, notificationWebhookSecret(account.id))).toBe(url);

    // An empty field keeps it (the page cannot show it back to be resubmitted).
    expect(
      await saveNotificationSettings(brandOf(account.id), account.id, { ...keep, email: "new@shop.example" }),
    ).toMatchObject({
      email: "new@shop.example",
      webhookHost: "127.0.0.1:9/…",
    });
    expect(await storedOf(account.id)).toBe(stored);

    expect(
      await saveNotificationSettings(brandOf(account.id), account.id, { ...keep, removeWebhookUrl: true }),
    ).toMatchObject({
      webhookHost: null,
    });
    expect(await storedOf(account.id)).toBeNull();
  });

  it("does not open in another account's row: the page says it must be entered again, the test message why", async () => {
    const owner = await createTestAccount();
    const other = await createTestAccount();
    await saveNotificationSettings(brandOf(owner.id), owner.id, { ...keep, webhookUrl: webhook.url });
    await prisma.notificationSettings.create({
      data: { accountId: other.id, webhookUrlEncrypted: await storedOf(owner.id) },
    });

    expect(await getNotificationSettings(other.id)).toMatchObject({ webhookHost: null, isWebhookUnreadable: true });
    expect((await sendTestNotification(other.id)).webhook).toEqual({
      status: "failed",
      reason: expect.stringMatching(/cannot be opened with this portal's encryption keys: enter it again/),
    });
    expect(webhook.requests).toHaveLength(0);
  });

  it("saved in plain before the column was sealed, it is sealed on its first read and still receives alerts", async () => {
    const { integration } = await createTestIntegration();
    await prisma.notificationSettings.create({
      data: { accountId: integration.accountId, webhookUrlEncrypted: webhook.url },
    });
    await raiseAlert({ integrationId: integration.id, kind: "stripe_endpoint_disabled", detail: "disabled" });

    expect(await dispatchAlertNotifications()).toEqual({ sent: 1, skipped: 0, failed: 0 });

    expect(webhook.requests.map((request) => request.path)).toEqual(["/services/T0000/B0000/webhook-path-secret"]);
    const stored = await storedOf(integration.accountId);
    expect(stored).toMatch(/^v2\./);
    expect(decryptSecret(stored!, notificationWebhookSecret(integration.accountId))).toBe(webhook.url);
    expect(await getNotificationSettings(integration.accountId)).toMatchObject({
      webhookHost: `127.0.0.1:${webhook.port}/…`,
    });
    expect(await storedOf(integration.accountId)).toBe(stored); // sealed once, not again at each read
  });
});
