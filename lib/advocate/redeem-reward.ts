// Marks a credited reward redeemed in Advocate (SPEC §11), its own step after the Stripe credit so a retry
// never repeats the Stripe call. Advocate's redeem is NOT idempotent: each call adds `amount` again, so the
// caller records a success before anything could run it twice.
import { z } from "zod";
import { type AdvocateCredentials, type AdvocateResult, advocateRequest } from "@/lib/advocate/advocate-http";

/** What Advocate answers; only read for the attempt record, so every field is optional. */
export const AdvocateRedemptionSchema = z
  .object({
    id: z.string().nullish(),
    redeemedCredit: z.number().nullish(),
    assignedCredit: z.number().nullish(),
    unit: z.string().nullish(),
  })
  .loose()
  .nullish()
  .transform((value) => value ?? {});
export type AdvocateRedemption = z.infer<typeof AdvocateRedemptionSchema>;

/** `POST /credit/{rewardId}/redeem {amount, unit}`; redeeming beyond the assigned credit is failure `client`. */
export function redeemReward(
  credentials: AdvocateCredentials,
  rewardId: string,
  input: { amount: number; unit: string },
): Promise<AdvocateResult<AdvocateRedemption>> {
  return advocateRequest(credentials, {
    method: "POST",
    path: `/credit/${encodeURIComponent(rewardId)}/redeem`,
    body: { amount: input.amount, unit: input.unit },
    schema: AdvocateRedemptionSchema,
  });
}
