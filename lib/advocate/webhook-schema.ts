// What an Advocate webhook carries (SPEC §11): an envelope every event shares, and for `reward.created` a
// Reward. Unknown event types parse as envelopes and are stored as ignored, never refused.
import { z } from "zod";
import { AdvocateRewardSchema } from "@/lib/advocate/reward-schema";

export const AdvocateWebhookSchema = z
  .object({
    id: z.string({ message: "an Advocate webhook has an id" }).trim().min(1, "an Advocate webhook has an id"),
    type: z.string({ message: "an Advocate webhook has a type" }).trim().min(1, "an Advocate webhook has a type"),
    tenantAlias: z
      .string({ message: "an Advocate webhook names its tenantAlias" })
      .trim()
      .min(1, "an Advocate webhook names its tenantAlias"),
    live: z.boolean({ message: "live must be true or false" }),
    created: z.number({ message: "created is milliseconds since the epoch" }).int().nonnegative(),
    data: z.unknown(),
  })
  .loose();
export type AdvocateWebhook = z.infer<typeof AdvocateWebhookSchema>;

export const REWARD_CREATED = "reward.created";

/** `reward.created`'s data: the Reward as it was when the event was made (re-read before crediting). */
export const RewardCreatedDataSchema = AdvocateRewardSchema.extend({
  dateCreated: z.number({ message: "dateCreated is milliseconds since the epoch" }).int().nonnegative(),
  cancellable: z.boolean().nullish(),
  rewardSource: z.string().nullish(),
  redemptions: z.array(z.unknown()).nullish(),
});
export type RewardCreatedData = z.infer<typeof RewardCreatedDataSchema>;
