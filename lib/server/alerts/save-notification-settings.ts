import { notificationWebhookSecret } from "@/lib/crypto/secret-bindings";
import { encryptSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { NotificationSettingsInput } from "@/lib/schemas/notifications";
import { getNotificationSettings } from "@/lib/server/alerts/get-notification-settings";
import { webhookHostRefusal } from "@/lib/server/alerts/webhook-address-policy";
import { auditActorOf, recordAudit } from "@/lib/server/audit/record-audit";
import type { EventScope } from "@/lib/server/events/event-scope";
import type { NotificationSettingsView } from "@/lib/views/alert-view";

/** What a save did to the webhook, for the audit log (which never holds the URL: it is a credential). */
type WebhookChange = "added" | "replaced" | "removed" | "kept" | "none";

/**
 * Stores where the account's alerts go (input already validated by notificationSettingsSchema), by the
 * brand itself or by staff. A webhook whose host is, or resolves to, a loopback, private, link-local or
 * reserved address is refused here (outside development), next to the field; each send checks again (DNS
 * may change). The URL is sealed bound to the row; no URL keeps the saved one unless removal is asked.
 * The save is audited in the same transaction with the address, what happened to the webhook and its host.
 */
export async function saveNotificationSettings(
  actor: EventScope,
  accountId: string,
  input: NotificationSettingsInput,
): Promise<NotificationSettingsView> {
  if (actor.role === "brand" && actor.accountId !== accountId) {
    throw new AppError("NOT_FOUND", "These notification settings do not exist.");
  }
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
  await prisma.$transaction(async (tx) => {
    const before = await tx.notificationSettings.findUnique({
      where: { accountId },
      select: { webhookUrlEncrypted: true },
    });
    const hadWebhook = Boolean(before?.webhookUrlEncrypted);
    const change: WebhookChange = input.webhookUrl
      ? hadWebhook
        ? "replaced"
        : "added"
      : hadWebhook
        ? input.removeWebhookUrl
          ? "removed"
          : "kept"
        : "none";
    await tx.notificationSettings.upsert({
      where: { accountId },
      create: { accountId, email: input.email, webhookUrlEncrypted: webhookUrlEncrypted ?? null },
      update: { email: input.email, webhookUrlEncrypted },
    });
    await recordAudit(
      {
        ...auditActorOf(actor),
        action: "notifications.save",
        accountId,
        targetType: "account",
        targetId: accountId,
        details: {
          email: input.email,
          webhook: change,
          ...(input.webhookUrl ? { webhookHost: new URL(input.webhookUrl).host } : {}),
        },
      },
      tx,
    );
  });
  return getNotificationSettings(accountId);
}
