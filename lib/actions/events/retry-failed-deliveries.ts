"use server";

import { revalidatePath } from "next/cache";
import { failureOf, SIGNED_OUT } from "@/lib/actions/action-failure";
import { getPrincipal } from "@/lib/auth/session";
import { type EventFilters, RetryFailedInputSchema } from "@/lib/schemas/events";
import { retryFailedDeliveries } from "@/lib/server/deliveries/retry-failed-deliveries";
import { scopeOf } from "@/lib/server/events/event-scope";
import type { ActionResult } from "@/lib/views/action-result";
import type { RetryBatchResult } from "@/lib/views/event-view";

/**
 * One batch of "Retry all failed" for the list's filters; the button calls it again with
 * `nextCursor` until it is null, showing "n of N" in between.
 */
export async function retryFailedDeliveriesAction(input: {
  filters: EventFilters;
  cursor: string | null;
}): Promise<ActionResult<RetryBatchResult>> {
  const parsed = RetryFailedInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "The filters or the position are not valid; reload the page." };
  const principal = await getPrincipal();
  if (!principal) return SIGNED_OUT;
  try {
    const result = await retryFailedDeliveries(scopeOf(principal), parsed.data.filters, { cursor: parsed.data.cursor });
    if (!result.nextCursor) revalidatePath(principal.role === "staff" ? "/support/events" : "/events");
    return { ok: true, data: result };
  } catch (error) {
    return failureOf(error, "retrying the failed deliveries");
  }
}
