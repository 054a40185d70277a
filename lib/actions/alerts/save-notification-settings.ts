"use server";

import { revalidatePath } from "next/cache";
import { failureOf, invalidInput } from "@/lib/actions/action-failure";
import { requireBrand } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { notificationSettingsSchema } from "@/lib/schemas/notifications";
import { saveNotificationSettings } from "@/lib/server/alerts/save-notification-settings";
import type { ActionState } from "@/lib/views/action-result";
import type { NotificationSettingsView } from "@/lib/views/alert-view";

/** The Notifications page's Save: validate → sign-in → store (the webhook's host checked in DNS there). */
export async function saveNotificationSettingsAction(
  _previous: ActionState<NotificationSettingsView>,
  formData: FormData,
): Promise<ActionState<NotificationSettingsView>> {
  const email = String(formData.get("email") ?? "");
  const input = {
    email,
    webhookUrl: String(formData.get("webhookUrl") ?? ""),
    // A browser sends "on" for a ticked box and nothing for an unticked one.
    removeWebhookUrl: formData.get("removeWebhookUrl") === "on",
  };
  // Only the address goes back to a failed form: the webhook URL is a credential and is never echoed.
  const values = { email };
  // Development may post to a local http receiver; everywhere else only https (SPEC §12).
  const schema = notificationSettingsSchema({ allowHttp: getEnv().NODE_ENV === "development" });
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, { values });

  const brand = await requireBrand();
  try {
    const saved = await saveNotificationSettings(
      { role: "brand", accountId: brand.accountId },
      brand.accountId,
      parsed.data,
    );
    revalidatePath("/settings/notifications");
    return { ok: true, data: saved };
  } catch (error) {
    return failureOf(error, "saving the notification settings", { values });
  }
}
