import { z } from "zod";
import { parseRewardUnits, rewardUnitProblem } from "@/lib/mapping/reward-units";

/** The connect form's fields, in the order the page shows them (labels in SPEC §11). */
export const ADVOCATE_FIELDS = ["tenantAlias", "apiKey", "rewardUnits"] as const;
export type AdvocateField = (typeof ADVOCATE_FIELDS)[number];

export const ADVOCATE_LABELS: Record<AdvocateField, string> = {
  tenantAlias: "Tenant alias",
  apiKey: "Advocate API Key",
  rewardUnits: "Reward units",
};

/** Test tenants are Advocate's own convention: their alias starts with `test_` and they have their own key. */
export const TEST_TENANT_PREFIX = "test_";

export const TenantAliasSchema = z
  .string()
  .trim()
  .min(1, "Enter the Advocate tenant alias, e.g. test_a1b2c3d4 (Advocate shows it under Settings → API keys).")
  .regex(
    /^[a-z0-9_]{1,64}$/,
    "A tenant alias has 1–64 lower-case letters, digits and underscores, e.g. test_a1b2c3d4 or a1b2c3d4.",
  );

export const AdvocateApiKeySchema = z
  .string()
  .trim()
  .min(1, "Enter the Advocate API key of this tenant.")
  .regex(/^[\x21-\x7e]{1,256}$/, "An Advocate API key has at most 256 visible characters and no spaces.");

/** Comma-separated units; empty means STRIPE/* (any STRIPE/<CUR>). Normalised to "A,B" without repeats. */
export const RewardUnitsSchema = z
  .string()
  .optional()
  .transform((text) => parseRewardUnits(text ?? ""))
  .superRefine((units, context) => {
    for (const unit of units) {
      const problem = rewardUnitProblem(unit);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }
  })
  .transform((units) => units.join(","));

/** Empty means "keep the saved key": allowed only when reconnecting the same tenant (connectAdvocate checks). */
const KeptOrNewApiKeySchema = z
  .string()
  .optional()
  .transform((text) => text?.trim() || undefined)
  .pipe(AdvocateApiKeySchema.optional());

export const AdvocateConnectSchema = z.object({
  tenantAlias: TenantAliasSchema,
  apiKey: KeptOrNewApiKeySchema,
  rewardUnits: RewardUnitsSchema,
});
export type AdvocateConnectInput = z.input<typeof AdvocateConnectSchema>;
export type AdvocateConnectData = z.output<typeof AdvocateConnectSchema>;
