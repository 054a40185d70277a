"use server";

import { revalidatePath } from "next/cache";
import { failureOf, SIGNED_OUT } from "@/lib/actions/action-failure";
import { getPrincipal } from "@/lib/auth/session";
import { MarkDeliveredInputSchema } from "@/lib/schemas/events";
import { markDelivered } from "@/lib/server/deliveries/mark-delivered";
import { scopeOf } from "@/lib/server/events/event-scope";
import type { ActionResult } from "@/lib/views/action-result";
import type { MarkDeliveredResult } from "@/lib/views/event-view";

/** The "Mark as delivered" button of a delivery whose outcome is unknown, for brands (own account) and staff (any, audited). */
export async function markDeliveredAction(input: { deliveryId: string }): Promise<ActionResult<MarkDeliveredResult>> {
  const parsed = MarkDeliveredInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "That delivery id is not valid." };
  const principal = await getPrincipal();
  if (!principal) return SIGNED_OUT;
  try {
    const result = await markDelivered(scopeOf(principal), parsed.data.deliveryId);
    revalidatePath(principal.role === "staff" ? "/support/events" : "/events");
    return { ok: true, data: result };
  } catch (error) {
    return failureOf(error, "marking the delivery as delivered");
  }
}
