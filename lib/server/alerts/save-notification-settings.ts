import { notificationWebhookSecret } from "@/lib/crypto/secret-bindings";
import { encryptSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { NotificationSettingsInput } from "@/lib/schemas/notifications";
import { getNotificationSettings } from "@/lib/server/alerts/get-notification-settings";
import { webhookHostRefusal } from "@/lib/server/alerts/webhook-address-policy";
import type { NotificationSettingsView } from "@/lib/views/alert-view";

/**
 * Stores where the account's alerts go (input already validated by notificationSettingsSchema). A webhook
 * whose host is, or resolves to, a loopback, private, link-local or reserved address is refused here
 * (outside development), next to the field; each send checks again (DNS may change). The URL is sealed
 * bound to the row; no URL keeps the saved one unless removal is asked.
 */
export async function saveNotificationSettings(
  accountId: string,
  input: NotificationSettingsInput,
): Promise<NotificationSettingsView> {
  if (input.webhookUrl) {
    const refusal = await webhookHostRefusal(new URL(input.webhookUrl));
    if (refusal) throw new AppError("BAD_REQUEST", `Webhook URL refused: ${refusal}`, "webhookUrl");
  }
  // undefined leaves the column as it is.
  const webhookUrlEncrypted = input.webhookUrl
    ? encryptSecret(input.webhookUrl, notificationWebhookSecret(accountId))
    : input.removeWebhookUrl
      ? null
      : undefined;
  await prisma.notificationSettings.upsert({
    where: { accountId },
    create: { accountId, email: input.email, webhookUrlEncrypted: webhookUrlEncrypted ?? null },
    update: { email: input.email, webhookUrlEncrypted },
  });
  return getNotificationSettings(accountId);
}
