"use server";

import { failureOf } from "@/lib/actions/action-failure";
import { requireBrand } from "@/lib/auth/session";
import { sendTestNotification } from "@/lib/server/alerts/send-test-notification";
import type { ActionState } from "@/lib/views/action-result";
import type { TestMessageResult } from "@/lib/views/alert-view";

/** "Send test message": one message to each saved destination now; the answer says what became of each. */
export async function sendTestMessageAction(
  _previous: ActionState<TestMessageResult>,
): Promise<ActionState<TestMessageResult>> {
  const brand = await requireBrand();
  try {
    return { ok: true, data: await sendTestNotification(brand.accountId) };
  } catch (error) {
    return failureOf(error, "sending the test message");
  }
}
