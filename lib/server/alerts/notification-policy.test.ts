// Where alert messages may go outside development (SPEC §12): https only, never a loopback, private,
// link-local or reserved address — refused when the settings are saved and again at each send, on the
// addresses the connection would use. And with SMTP_URL unset, email is off and says so.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { notificationSettingsSchema } from "@/lib/schemas/notifications";
import { dispatchAlertNotifications } from "@/lib/server/alerts/dispatch-alert-notifications";
import { getNotificationSettings } from "@/lib/server/alerts/get-notification-settings";
import { raiseAlert } from "@/lib/server/alerts/raise-alert";
import { saveNotificationSettings } from "@/lib/server/alerts/save-notification-settings";
import { sendAlertWebhook } from "@/lib/server/alerts/send-alert-webhook";
import { sendTestNotification } from "@/lib/server/alerts/send-test-notification";
import { refusedAddressKind } from "@/lib/server/alerts/webhook-address-policy";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import { startWebhookReceiver, type WebhookReceiver } from "@/testing/receivers/webhook-receiver";

/** The brand acting on its own account: the actor saveNotificationSettings audits. */
const brandOf = (accountId: string) => ({ role: "brand" as const, accountId });

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  delete process.env.SMTP_URL;
  expect(getEnv().NODE_ENV).toBe("test");
  expect(getEnv().SMTP_URL).toBeUndefined();
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
});

const productionSchema = notificationSettingsSchema({ allowHttp: false });
const fieldError = (input: { email: string; webhookUrl: string; removeWebhookUrl?: boolean }) =>
  productionSchema
    .safeParse({ removeWebhookUrl: false, ...input })
    .error?.issues.map((issue) => [issue.path[0], issue.message]);

describe("the settings schema", () => {
  it("takes an email address and an https URL, empty fields as none (the webhook: keep the saved one)", () => {
    expect(productionSchema.parse({ email: " ops@shop.example ", webhookUrl: "", removeWebhookUrl: false })).toEqual({
      email: "ops@shop.example",
      webhookUrl: null,
      removeWebhookUrl: false,
    });
    expect(
      productionSchema.parse({
        email: "",
        webhookUrl: "https://hooks.slack.com/services/T/B/x",
        removeWebhookUrl: false,
      }),
    ).toEqual({ email: null, webhookUrl: "https://hooks.slack.com/services/T/B/x", removeWebhookUrl: false });
    expect(productionSchema.parse({ email: "", webhookUrl: "", removeWebhookUrl: true })).toMatchObject({
      webhookUrl: null,
      removeWebhookUrl: true,
    });
  });

  it("refuses anything else with a message naming the field and the rule", () => {
    expect(fieldError({ email: "ops@", webhookUrl: "" })).toEqual([
      ["email", "Email address must be one address, such as alerts@yourshop.com."],
    ]);
    expect(fieldError({ email: "", webhookUrl: "http://127.0.0.1/hook" })).toEqual([
      ["webhookUrl", "Webhook URL must start with https:// (alerts are only posted over an encrypted connection)."],
    ]);
    expect(fieldError({ email: "", webhookUrl: "hooks.slack.com/x" })).toEqual([
      ["webhookUrl", "Webhook URL must be a full address, such as https://hooks.slack.com/services/…."],
    ]);
    expect(
      notificationSettingsSchema({ allowHttp: true }).parse({
        email: "",
        webhookUrl: "http://127.0.0.1/x",
        removeWebhookUrl: false,
      }),
    ).toMatchObject({ webhookUrl: "http://127.0.0.1/x" });
    expect(
      fieldError({ email: "", webhookUrl: "https://hooks.slack.com/services/T/B/x", removeWebhookUrl: true }),
    ).toEqual([["webhookUrl", "Enter a new webhook URL or remove the saved one, not both."]]);
  });
});

describe("addresses", () => {
  it("knows loopback, private, link-local and reserved ranges, IPv4-mapped IPv6 included", () => {
    expect(
      ["127.0.0.1", "::1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "fd00::1", "::ffff:10.0.0.1", "100.64.0.1"].map(
        refusedAddressKind,
      ),
    ).toEqual([
      "a loopback address",
      "a loopback address",
      "a private address",
      "a private address",
      "a private address",
      "a private address",
      "a private address",
      "a private address",
    ]);
    expect(["169.254.169.254", "fe80::1"].map(refusedAddressKind)).toEqual([
      "a link-local address",
      "a link-local address",
    ]);
    expect(["0.0.0.0", "::", "224.0.0.1"].map(refusedAddressKind)).toEqual([
      "a reserved address",
      "a reserved address",
      "a multicast address",
    ]);
    expect(["93.184.216.34", "2606:4700::1111", "172.32.0.1"].map(refusedAddressKind)).toEqual([null, null, null]);
  });

  it("refuses to save a webhook on a non-public host, literal or resolved, next to the field", async () => {
    const account = await createTestAccount();
    const save = (webhookUrl: string) =>
      saveNotificationSettings(brandOf(account.id), account.id, { email: null, webhookUrl, removeWebhookUrl: false });

    await expect(save("https://127.0.0.1/hook")).rejects.toMatchObject({
      field: "webhookUrl",
      message: "Webhook URL refused: 127.0.0.1 is a loopback address: alerts are only posted to public addresses.",
    });
    await expect(save("https://[::1]:8443/hook")).rejects.toMatchObject({
      message: expect.stringContaining("::1 is a loopback address"),
    });
    await expect(save("https://169.254.169.254/latest/meta-data")).rejects.toMatchObject({
      message: expect.stringContaining("169.254.169.254 is a link-local address"),
    });
    await expect(save("https://localhost/hook")).rejects.toMatchObject({
      message: expect.stringMatching(/localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/),
    });
    await expect(save("https://no-such-host.invalid/hook")).rejects.toMatchObject({
      message: expect.stringMatching(/^Webhook URL refused: no-such-host\.invalid could not be resolved \(/),
    });
    expect(await prisma.notificationSettings.count({ where: { accountId: account.id } })).toBe(0);

    await saveNotificationSettings(brandOf(account.id), account.id, {
      email: "ops@shop.example",
      webhookUrl: "https://93.184.216.34/h",
      removeWebhookUrl: false,
    });
    expect(await getNotificationSettings(account.id)).toEqual({
      email: "ops@shop.example",
      webhookHost: "93.184.216.34/…",
      isWebhookUnreadable: false,
      isEmailAvailable: false,
    });
  });

  it("refuses again at send time: http, a private literal, and a name that now resolves to loopback", async () => {
    const port = receiver.port;
    expect(await sendAlertWebhook(`http://93.184.216.34/hook`, "x")).toEqual({
      status: "failed",
      reason: "the webhook URL must start with https://",
    });
    expect(await sendAlertWebhook(`https://127.0.0.1:${port}/hook`, "x")).toEqual({
      status: "failed",
      reason: "127.0.0.1 is a loopback address: alerts are only posted to public addresses.",
    });
    // As if the name had resolved to a public address when it was saved (DNS rebinding).
    expect(await sendAlertWebhook(`https://localhost:${port}/hook`, "x")).toEqual({
      status: "failed",
      reason: expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/),
    });
    expect(receiver.requests).toHaveLength(0);
  });
});

describe("with SMTP_URL unset", () => {
  it("email is off: the page says so, the test message says why, and alerts for email only are skipped", async () => {
    const { integration } = await createTestIntegration();
    await saveNotificationSettings(brandOf(integration.accountId), integration.accountId, {
      email: "ops@shop.example",
      webhookUrl: null,
      removeWebhookUrl: false,
    });

    expect((await getNotificationSettings(integration.accountId)).isEmailAvailable).toBe(false);
    expect(await sendTestNotification(integration.accountId)).toEqual({
      email: { status: "off", reason: "SMTP_URL is not set on this portal, so alert emails are off." },
      webhook: { status: "off", reason: "No webhook URL is saved." },
    });
    await raiseAlert({ integrationId: integration.id, kind: "delivery_rejected", detail: "rejected" });
    expect(await dispatchAlertNotifications()).toEqual({ sent: 0, skipped: 1, failed: 0 });
  });
});
