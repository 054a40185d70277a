import { prisma } from "@/lib/db";
import { smtpSettingsOf } from "@/lib/server/alerts/send-alert-email";
import type { NotificationSettingsView } from "@/lib/views/alert-view";

/** The account's alert destinations for the Notifications page (empty strings when none), and whether email is on. */
export async function getNotificationSettings(accountId: string): Promise<NotificationSettingsView> {
  const row = await prisma.notificationSettings.findUnique({
    where: { accountId },
    select: { email: true, webhookUrl: true },
  });
  return { email: row?.email ?? "", webhookUrl: row?.webhookUrl ?? "", isEmailAvailable: smtpSettingsOf() !== null };
}
