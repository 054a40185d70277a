import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { openWebhookUrl } from "@/lib/server/alerts/open-webhook-url";
import { sendAlertEmail } from "@/lib/server/alerts/send-alert-email";
import { sendAlertWebhook } from "@/lib/server/alerts/send-alert-webhook";
import type { ChannelResult, TestMessageResult } from "@/lib/views/alert-view";

/**
 * "Send test message" on the Notifications page: one message to each saved destination, at once (no hourly
 * window), so a person sees whether email and the webhook arrive and, if not, why.
 */
export async function sendTestNotification(accountId: string): Promise<TestMessageResult> {
  const account = await prisma.account.findUniqueOrThrow({
    where: { id: accountId },
    select: { companyName: true, notificationSettings: { select: { email: true, webhookUrlEncrypted: true } } },
  });
  const settings = account.notificationSettings;
  const text = [
    `Test message from the payments integration portal for ${account.companyName}.`,
    "Alerts about your integrations arrive here: at most one per integration and kind of problem an hour.",
    `Notifications: ${getEnv().PUBLIC_URL.replace(/\/+$/, "")}/settings/notifications`,
  ].join("\n");
  const off = (reason: string): Promise<ChannelResult> => Promise.resolve({ status: "off", reason });
  const webhook = await openWebhookUrl(accountId, settings?.webhookUrlEncrypted ?? null);
  const [email, webhookResult] = await Promise.all([
    settings?.email
      ? sendAlertEmail(settings.email, "Test message from the payments integration portal", text)
      : off("No email address is saved."),
    webhook.status === "open"
      ? sendAlertWebhook(webhook.url, text)
      : webhook.status === "unreadable"
        ? Promise.resolve<ChannelResult>({ status: "failed", reason: webhook.reason })
        : off("No webhook URL is saved."),
  ]);
  return { email, webhook: webhookResult };
}
