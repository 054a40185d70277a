import { z } from "zod";

/** Stripe keeps events for 30 days; a longer window could not be listed anyway. */
export const MAX_RECOVERY_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export const RecoveryWindowSchema = z
  .object({
    from: z.coerce.date({ message: "Choose when the window starts." }),
    to: z.coerce.date({ message: "Choose when the window ends." }),
  })
  .superRefine(({ from, to }, context) => {
    const now = Date.now();
    if (from.getTime() >= to.getTime())
      context.addIssue({ code: "custom", path: ["from"], message: "The window must start before it ends." });
    if (to.getTime() > now + 60_000)
      context.addIssue({ code: "custom", path: ["to"], message: "The window cannot end in the future." });
    if (from.getTime() < now - MAX_RECOVERY_WINDOW_DAYS * DAY_MS) {
      context.addIssue({
        code: "custom",
        path: ["from"],
        message: `Stripe keeps events for ${MAX_RECOVERY_WINDOW_DAYS} days: start the window within the last ${MAX_RECOVERY_WINDOW_DAYS} days.`,
      });
    }
  });
export type RecoveryWindow = z.infer<typeof RecoveryWindowSchema>;
