"use server";

import { revalidatePath } from "next/cache";
import { failureOf, SIGNED_OUT } from "@/lib/actions/action-failure";
import { getPrincipal } from "@/lib/auth/session";
import { ReplayDeliveryInputSchema } from "@/lib/schemas/events";
import { replayDelivery } from "@/lib/server/deliveries/replay-delivery";
import { scopeOf } from "@/lib/server/events/event-scope";
import type { ActionResult } from "@/lib/views/action-result";
import type { ReplayResult } from "@/lib/views/event-view";

/** The "Replay" / "Retry now" / "Send again" buttons, for brands (own account) and staff (any, audited). */
export async function replayDeliveryAction(input: {
  deliveryId: string;
  confirmSendAgain?: boolean;
}): Promise<ActionResult<ReplayResult>> {
  const parsed = ReplayDeliveryInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "That delivery id is not valid." };
  const principal = await getPrincipal();
  if (!principal) return SIGNED_OUT;
  try {
    const result = await replayDelivery(scopeOf(principal), parsed.data.deliveryId, {
      confirmSendAgain: parsed.data.confirmSendAgain,
    });
    revalidatePath(principal.role === "staff" ? "/support/events" : "/events");
    return { ok: true, data: result };
  } catch (error) {
    return failureOf(error, "replaying the delivery");
  }
}
