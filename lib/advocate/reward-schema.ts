// The Reward fields the portal reads, as both the GraphQL `reward(id)` answer and the `reward.created`
// webhook carry them. GraphQL answers null for what a webhook leaves out, so absent and null both read null.
import { z } from "zod";

const orNull = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);

/** Milliseconds since the epoch, as Advocate writes every date. */
const EpochMsSchema = z.number({ message: "dates are milliseconds since the epoch" }).int().nonnegative();

export const AdvocateRewardSchema = z
  .object({
    id: z.string({ message: "a reward has an id" }).min(1, "a reward has an id"),
    /** PCT_DISCOUNT, FUELTANK, CREDIT or INTEGRATION; kept as text so a new type is not a parse failure. */
    type: z.string({ message: "a reward has a type" }).min(1, "a reward has a type"),
    /** CREDIT only, e.g. `STRIPE/USD`. */
    unit: orNull(z.string()),
    /** CREDIT only, in the unit's minor units (cents for STRIPE/USD). */
    assignedCredit: orNull(z.number().int("assignedCredit is a whole number of minor units")),
    redeemedCredit: orNull(z.number().int("redeemedCredit is a whole number of minor units")),
    currency: orNull(z.string()),
    accountId: z.string({ message: "a reward names its accountId" }).min(1, "a reward names its accountId"),
    userId: z.string({ message: "a reward names its userId" }).min(1, "a reward names its userId"),
    dateCreated: orNull(EpochMsSchema),
    dateGiven: orNull(EpochMsSchema),
    dateScheduledFor: orNull(EpochMsSchema),
    dateExpires: orNull(EpochMsSchema),
    dateCancelled: orNull(EpochMsSchema),
    /** AVAILABLE, PENDING, CANCELLED, EXPIRED, REDEEMED… (GraphQL only; a webhook has none). */
    statuses: orNull(z.array(z.string())),
    name: orNull(z.string()),
    programId: orNull(z.string()),
  })
  .loose();

export type AdvocateReward = z.infer<typeof AdvocateRewardSchema>;
