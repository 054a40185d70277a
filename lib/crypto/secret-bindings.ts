// Where sealed secrets live. Kept apart from the key ring so the harness and scripts, which bring their
// own key, bind ciphertexts the same way the portal does.
import type { SecretBinding } from "@/lib/crypto/secret-box";

/** The Integration columns that hold sealed secrets: the only places a ciphertext is stored. */
export const INTEGRATION_SECRET_COLUMNS = [
  "impactAuthTokenEncrypted",
  "stripeApiKeyEncrypted",
  "stripeWebhookSecretEncrypted",
] as const;
export type IntegrationSecretColumn = (typeof INTEGRATION_SECRET_COLUMNS)[number];

/** The binding of a secret stored in `column` of the Integration row `integrationId`. */
export function integrationSecret(integrationId: string, column: IntegrationSecretColumn): SecretBinding {
  return { table: "Integration", column, rowId: integrationId };
}

/** The AdvocateConnection column that holds a sealed secret (the tenant's API key). */
export const ADVOCATE_SECRET_COLUMN = "apiKeyEncrypted" as const;

/** The binding of the Advocate API key stored in the AdvocateConnection row `connectionId`. */
export function advocateConnectionSecret(connectionId: string): SecretBinding {
  return { table: "AdvocateConnection", column: ADVOCATE_SECRET_COLUMN, rowId: connectionId };
}

/** The NotificationSettings column that holds a sealed secret: the alert webhook URL (its path is a credential). */
export const NOTIFICATION_SECRET_COLUMN = "webhookUrlEncrypted" as const;

/** The binding of the alert webhook URL stored in the NotificationSettings row of `accountId`. */
export function notificationWebhookSecret(accountId: string): SecretBinding {
  return { table: "NotificationSettings", column: NOTIFICATION_SECRET_COLUMN, rowId: accountId };
}

/**
 * A webhook URL saved before its column was sealed (migration 20261204050530 renamed the plain column): a
 * plain http(s) URL, which no ciphertext (`v1.`/`v2.`) can be mistaken for. It is sealed where it is met.
 */
export function isUnsealedWebhookUrl(stored: string): boolean {
  return /^https?:\/\//i.test(stored);
}
