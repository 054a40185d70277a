"use server";

import { revalidatePath } from "next/cache";
import { failureOf, SIGNED_OUT } from "@/lib/actions/action-failure";
import { getPrincipal } from "@/lib/auth/session";
import { RetryRewardInputSchema } from "@/lib/schemas/rewards";
import { retryRewardCredit } from "@/lib/server/rewards/retry-reward-credit";
import type { ActionResult } from "@/lib/views/action-result";
import type { RewardRetryResult } from "@/lib/views/advocate-view";

/** The "Try again" button of a reward credit, for brands (own account) and staff (any, audited). */
export async function retryRewardAction(input: { rewardCreditId: string }): Promise<ActionResult<RewardRetryResult>> {
  const parsed = RetryRewardInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "That reward id is not valid." };
  const principal = await getPrincipal();
  if (!principal) return SIGNED_OUT;
  try {
    const result = await retryRewardCredit(principal, parsed.data.rewardCreditId);
    revalidatePath(principal.role === "staff" ? "/support/rewards" : "/rewards");
    return { ok: true, data: result };
  } catch (error) {
    return failureOf(error, "trying the reward again");
  }
}
