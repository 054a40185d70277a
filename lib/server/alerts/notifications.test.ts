// Alert messages end to end (SPEC §12): email through a real SMTP server in-process (smtp-server, with a
// login) and the webhook to a local HTTP receiver, at most one per integration and kind an hour with the
// rest counted into the next, never a secret. NODE_ENV is development here so the receiver may be local
// http; notification-policy.test.ts checks the refusals that apply everywhere else.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { dismissAlert } from "@/lib/server/alerts/dismiss-alert";
import { dispatchAlertNotifications } from "@/lib/server/alerts/dispatch-alert-notifications";
import { findOpenAlerts } from "@/lib/server/alerts/find-open-alerts";
import { raiseAlert } from "@/lib/server/alerts/raise-alert";
import { saveNotificationSettings } from "@/lib/server/alerts/save-notification-settings";
import { sendTestNotification } from "@/lib/server/alerts/send-test-notification";
import { createTestIntegration } from "@/testing/db/factories";
import { type SmtpReceiver, startSmtpReceiver } from "@/testing/receivers/smtp-receiver";
import { startWebhookReceiver, type WebhookReceiver } from "@/testing/receivers/webhook-receiver";

/** The brand acting on its own account: the actor saveNotificationSettings audits. */
const brandOf = (accountId: string) => ({ role: "brand" as const, accountId });

const PUBLIC_URL = "https://portal.example.test";
let smtp: SmtpReceiver;
let webhook: WebhookReceiver;

beforeAll(async () => {
  [smtp, webhook] = await Promise.all([startSmtpReceiver(), startWebhookReceiver()]);
  (process.env as Record<string, string>).NODE_ENV = "development";
  process.env.PUBLIC_URL = PUBLIC_URL;
  process.env.SMTP_URL = `${smtp.url}?from=${encodeURIComponent("Portal alerts <alerts@mail.example.test>")}`;
  expect(getEnv().SMTP_URL).toBe(process.env.SMTP_URL); // nothing read the configuration before
});
afterAll(() => Promise.all([smtp.close(), webhook.close()]));
beforeEach(async () => {
  smtp.messages.length = 0;
  webhook.requests.length = 0;
  webhook.answerWith(200);
  // Windows of earlier tests must not answer this test's dispatch.
  await prisma.alertNotificationWindow.deleteMany();
});

async function brandWithAlerts({ email = "ops@shop.example", url = webhook.url } = {}) {
  const created = await createTestIntegration({
    stripeApiKey: "sk_test_51AlertKeyThatMustNeverLeave",
    impactAuthToken: "impact-token-that-must-never-leave",
    webhookSecret: "whsec_signingsecretthatmustneverleave",
  });
  await saveNotificationSettings(brandOf(created.integration.accountId), created.integration.accountId, {
    email,
    webhookUrl: url,
    removeWebhookUrl: false,
  });
  return created;
}

/** The clock of the window moves back instead of the test sleeping an hour. */
const hourPassesFor = (integrationId: string) =>
  prisma.alertNotificationWindow.updateMany({
    where: { integrationId },
    data: { lastSentAt: new Date(Date.now() - 61 * 60_000) },
  });

const webhookTexts = () => webhook.requests.map((request) => (JSON.parse(request.body) as { text: string }).text);

describe("alert messages", () => {
  it("sends one message per integration and kind an hour; the next reports what was counted meanwhile", async () => {
    const { integration } = await brandWithAlerts();
    const raise = (detail: string) => raiseAlert({ integrationId: integration.id, kind: "delivery_rejected", detail });

    await raise("Order in_1: impact.com rejected the submission: Validation — ACTIONTRACKER_NOT_FOUND");
    expect(await dispatchAlertNotifications()).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(1);
    expect(webhook.requests).toHaveLength(1);
    expect(smtp.messages[0]!.text).toContain("Once since the last message");

    await raise("Order in_2: rejected");
    await raise("Order in_3: rejected");
    expect(await dispatchAlertNotifications()).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(1);

    await hourPassesFor(integration.id);
    expect(await dispatchAlertNotifications()).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[1]!.text).toContain("2 times since the last message");
    expect(smtp.messages[1]!.text).toContain("Latest: Order in_3: rejected");
    expect(webhookTexts()[1]).toBe(smtp.messages[1]!.text);

    // Nothing new: nothing more, even after another hour.
    await hourPassesFor(integration.id);
    expect(await dispatchAlertNotifications()).toEqual({ sent: 0, skipped: 0, failed: 0 });
  });

  it("emails through SMTP_URL's server with its login and sender, to the saved address, without a secret", async () => {
    const { integration, stripeApiKey, webhookSecret } = await brandWithAlerts({ email: "ops@shop.example" });
    // Upstream text that echoes secrets (impact.com quoting the request, say) must not carry them further.
    await raiseAlert({
      integrationId: integration.id,
      kind: "impact_token_refused",
      detail: `impact.com rejected the request (401): bad token impact-token-that-must-never-leave for ${stripeApiKey}`,
    });

    await dispatchAlertNotifications();

    const [email] = smtp.messages;
    expect(email).toMatchObject({
      envelopeFrom: "alerts@mail.example.test",
      envelopeTo: ["ops@shop.example"],
      subject: `Alert: impact.com refuses the Auth Token (${integration.siteUrl})`,
    });
    expect(email!.headers.from).toBe("Portal alerts <alerts@mail.example.test>");
    expect(email!.text).toContain(`impact.com refuses the Auth Token: ${integration.siteUrl}`);
    expect(email!.text).toContain(`Events: ${PUBLIC_URL}/events?integration=${integration.id}&status=rejected`);
    expect(email!.text).toContain(`Integration: ${PUBLIC_URL}/integrations/${integration.id}`);
    expect(email!.text).toMatch(/first seen \d{4}-\d\d-\d\d \d\d:\d\d UTC, last seen/);
    for (const secret of ["impact-token-that-must-never-leave", stripeApiKey, webhookSecret, "sk_test_"]) {
      expect(email!.raw).not.toContain(secret);
      expect(webhook.requests[0]!.body).not.toContain(secret);
    }
    expect(email!.text).toContain("bad token *** for ***");
  });

  it("posts Slack-compatible JSON {text} to the webhook URL", async () => {
    const { integration } = await brandWithAlerts({ email: "" });
    await raiseAlert({ integrationId: integration.id, kind: "stripe_endpoint_missing", detail: "gone" });

    expect(await dispatchAlertNotifications()).toEqual({ sent: 1, skipped: 0, failed: 0 });

    expect(smtp.messages).toHaveLength(0);
    const [request] = webhook.requests;
    expect(request).toMatchObject({ method: "POST", path: "/services/T0000/B0000/webhook-path-secret" });
    expect(request!.headers["content-type"]).toBe("application/json");
    const payload = JSON.parse(request!.body) as Record<string, unknown>;
    expect(Object.keys(payload)).toEqual(["text"]);
    expect(payload.text).toMatch(/^The Stripe webhook endpoint is missing: https:\/\//);
    expect(payload.text).toContain(`${PUBLIC_URL}/events?integration=${integration.id}\n`);
  });

  it("does not follow a redirect, and a message nobody received is counted into the next hour's", async () => {
    const { integration } = await brandWithAlerts({ email: "" });
    webhook.answerWith(302, { location: `http://127.0.0.1:${webhook.port}/elsewhere` });
    await raiseAlert({ integrationId: integration.id, kind: "delivery_exhausted", detail: "gave up" });

    expect(await dispatchAlertNotifications()).toEqual({ sent: 0, skipped: 0, failed: 1 });
    expect(webhook.requests.map((request) => request.path)).toEqual(["/services/T0000/B0000/webhook-path-secret"]);
    expect(
      await prisma.alertNotificationWindow.findUniqueOrThrow({
        where: { integrationId_kind: { integrationId: integration.id, kind: "delivery_exhausted" } },
      }),
    ).toMatchObject({ unsentCount: 1, pendingSince: expect.any(Date) });

    webhook.answerWith(200);
    await raiseAlert({ integrationId: integration.id, kind: "delivery_exhausted", detail: "gave up again" });
    await hourPassesFor(integration.id);
    expect(await dispatchAlertNotifications()).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(webhookTexts()[1]).toContain("2 times since the last message");
  });

  it("says nothing about an alert dismissed or resolved before its message, nor to an account without settings", async () => {
    const { integration } = await brandWithAlerts();
    await raiseAlert({ integrationId: integration.id, kind: "delivery_unknown", detail: "unknown" });
    const [alert] = await findOpenAlerts(integration.accountId);
    await dismissAlert({ role: "brand", accountId: integration.accountId }, alert!.id);
    const { integration: silent } = await createTestIntegration();
    await raiseAlert({ integrationId: silent.id, kind: "delivery_unknown", detail: "unknown" });

    expect(await dispatchAlertNotifications()).toEqual({ sent: 0, skipped: 2, failed: 0 });
    expect(smtp.messages).toHaveLength(0);
    expect(webhook.requests).toHaveLength(0);
    expect(await prisma.alertNotificationWindow.count({ where: { pendingSince: { not: null } } })).toBe(0);
  });

  it("lets two dispatchers run side by side without sending a message twice", async () => {
    const { integration } = await brandWithAlerts({ email: "" });
    await raiseAlert({ integrationId: integration.id, kind: "delivery_rejected", detail: "rejected" });

    const results = await Promise.all([dispatchAlertNotifications(), dispatchAlertNotifications()]);

    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(1);
    expect(webhook.requests).toHaveLength(1);
  });

  it("sends a test message to both saved destinations at once", async () => {
    const { integration } = await brandWithAlerts();

    expect(await sendTestNotification(integration.accountId)).toEqual({
      email: { status: "sent" },
      webhook: { status: "sent" },
    });
    expect(smtp.messages[0]!.subject).toBe("Test message from the payments integration portal");
    expect(smtp.messages[0]!.text).toContain(`${PUBLIC_URL}/settings/notifications`);
    expect(webhookTexts()[0]).toBe(smtp.messages[0]!.text);
  });

  it("reports a refused SMTP login and an unreachable webhook as reasons, without the credentials", async () => {
    const { integration } = await createTestIntegration();
    await saveNotificationSettings(brandOf(integration.accountId), integration.accountId, {
      email: "ops@shop.example",
      webhookUrl: "http://127.0.0.1:9/hooks/secret-path",
      removeWebhookUrl: false,
    });
    const goodUrl = process.env.SMTP_URL!;
    (getEnv() as { SMTP_URL?: string }).SMTP_URL = goodUrl.replace("smtp-test-password", "wrong-password");
    try {
      const result = await sendTestNotification(integration.accountId);
      expect(result.email).toMatchObject({ status: "failed", reason: expect.stringMatching(/EAUTH/) });
      expect(result.webhook).toEqual({ status: "failed", reason: "the webhook could not be reached (ECONNREFUSED)" });
      expect(JSON.stringify(result)).not.toMatch(/wrong-password|secret-path/);
    } finally {
      (getEnv() as { SMTP_URL?: string }).SMTP_URL = goodUrl;
    }
  });
});
