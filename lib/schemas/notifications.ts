// The Notifications page (SPEC §12): where an account's alerts go. Both are optional: an empty email means
// none, an empty webhook keeps the saved one. Whether the webhook's host is public needs DNS: lib/server.
import { z } from "zod";

export const NOTIFICATION_FIELDS = ["email", "webhookUrl", "removeWebhookUrl"] as const;
export type NotificationField = (typeof NOTIFICATION_FIELDS)[number];

export const NOTIFICATION_LABELS: Record<NotificationField, string> = {
  email: "Email address",
  webhookUrl: "Webhook URL",
  removeWebhookUrl: "Remove the saved webhook URL",
};

const BOTH_MESSAGE = "Enter a new webhook URL or remove the saved one, not both.";

const EMAIL_MESSAGE = "Email address must be one address, such as alerts@yourshop.com.";
const EmailSchema = z.email();

/** Empty input is null (nothing configured). */
const optional = (text: string) => (text === "" ? null : text);

/**
 * The form's schema. The webhook must be https (a Slack or Teams incoming webhook URL carries its secret in
 * the path, so it never travels in clear); development also allows http for a local receiver. The saved
 * URL is never shown again, so an empty webhook field keeps it (null) and removing it is a box of its own.
 */
export function notificationSettingsSchema({ allowHttp }: { allowHttp: boolean }) {
  const protocols = allowHttp ? ["https:", "http:"] : ["https:"];
  const fields = z.object({
    email: z
      .string()
      .trim()
      .max(254, "Email address is too long (254 characters at most).")
      .refine((text) => text === "" || EmailSchema.safeParse(text).success, EMAIL_MESSAGE)
      .transform(optional),
    webhookUrl: z
      .string()
      .trim()
      .max(2000, "Webhook URL is too long (2,000 characters at most).")
      .refine(
        (text) => text === "" || URL.canParse(text),
        "Webhook URL must be a full address, such as https://hooks.slack.com/services/….",
      )
      .refine(
        // An unparseable URL already has its message from the check above.
        (text) => text === "" || !URL.canParse(text) || protocols.includes(new URL(text).protocol),
        allowHttp
          ? "Webhook URL must start with https:// or http://."
          : "Webhook URL must start with https:// (alerts are only posted over an encrypted connection).",
      )
      .transform(optional),
    removeWebhookUrl: z.boolean(),
  });
  return fields.superRefine((input, context) => {
    if (input.removeWebhookUrl && input.webhookUrl !== null) {
      context.addIssue({ code: "custom", path: ["webhookUrl"], message: BOTH_MESSAGE });
    }
  });
}

export type NotificationSettingsInput = z.infer<ReturnType<typeof notificationSettingsSchema>>;
