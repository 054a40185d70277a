import { isUnsealedWebhookUrl, notificationWebhookSecret } from "@/lib/crypto/secret-bindings";
import { DecryptionError } from "@/lib/crypto/secret-box";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { getLogger } from "@/lib/log";

export type OpenedWebhookUrl =
  | { status: "none" }
  | { status: "open"; url: string }
  /** Saved, but no configured key opens it (ENCRYPTION_KEY changed without its previous key): enter it again. */
  | { status: "unreadable"; reason: string };

const UNREADABLE_REASON =
  "the saved webhook URL cannot be opened with this portal's encryption keys: enter it again on the Notifications page";

/**
 * The account's alert webhook URL as stored in NotificationSettings.webhookUrlEncrypted, opened. A plain URL
 * saved before the column was sealed is sealed here, on its first read, with a compare-and-set so a URL
 * saved meanwhile is never overwritten (`npm run secrets:rotate` seals the ones nobody reads). A value no
 * configured key opens is "unreadable" rather than thrown, so the page still renders and email still goes.
 */
export async function openWebhookUrl(accountId: string, stored: string | null): Promise<OpenedWebhookUrl> {
  if (stored === null) return { status: "none" };
  const binding = notificationWebhookSecret(accountId);
  if (isUnsealedWebhookUrl(stored)) {
    await prisma.notificationSettings.updateMany({
      where: { accountId, webhookUrlEncrypted: stored },
      data: { webhookUrlEncrypted: encryptSecret(stored, binding) },
    });
    return { status: "open", url: stored };
  }
  try {
    return { status: "open", url: decryptSecret(stored, binding) };
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    getLogger().warn({ component: "alerts", accountId, reason: error.message }, "the alert webhook URL is unreadable");
    return { status: "unreadable", reason: UNREADABLE_REASON };
  }
}
