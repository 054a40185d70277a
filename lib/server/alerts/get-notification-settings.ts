import { prisma } from "@/lib/db";
import { openWebhookUrl } from "@/lib/server/alerts/open-webhook-url";
import { smtpSettingsOf } from "@/lib/server/alerts/send-alert-email";
import { type NotificationSettingsView, webhookHostLabel } from "@/lib/views/alert-view";

/**
 * The account's alert destinations for the Notifications page: the email address, the webhook only as its
 * host (the URL is a credential and is never shown again), and whether email is on at all.
 */
export async function getNotificationSettings(accountId: string): Promise<NotificationSettingsView> {
  const row = await prisma.notificationSettings.findUnique({
    where: { accountId },
    select: { email: true, webhookUrlEncrypted: true },
  });
  const webhook = await openWebhookUrl(accountId, row?.webhookUrlEncrypted ?? null);
  return {
    email: row?.email ?? "",
    webhookHost: webhook.status === "open" ? webhookHostLabel(webhook.url) : null,
    isWebhookUnreadable: webhook.status === "unreadable",
    isEmailAvailable: smtpSettingsOf() !== null,
  };
}
