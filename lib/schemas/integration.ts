import { z } from "zod";

/** Form field names, in the order the form shows them (labels in SPEC §3). */
export const INTEGRATION_FIELDS = [
  "siteUrl",
  "authToken",
  "programId",
  "eventTypeId",
  "recurringEventTypeId",
  "apiKey",
] as const;
export type IntegrationField = (typeof INTEGRATION_FIELDS)[number];

export const INTEGRATION_LABELS: Record<IntegrationField, string> = {
  siteUrl: "URL",
  authToken: "Auth Token",
  programId: "Program ID",
  eventTypeId: "Event Type ID",
  recurringEventTypeId: "Recurring Event Tracker ID",
  apiKey: "API Key",
};

const digits = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .regex(/^\d{1,12}$/, `The ${label} is a number (digits only), as shown in impact.com.`);

export const SiteUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter your site's URL.")
  .pipe(
    z.url({
      protocol: /^https$/,
      hostname: z.regexes.domain,
      message: "Enter your site's address starting with https://, e.g. https://shop.example.com.",
    }),
  );

export const ImpactAuthTokenSchema = z
  .string()
  .trim()
  .min(1, "Enter the impact.com Auth Token used to send conversions.")
  .regex(/^[\x21-\x7e]{8,256}$/, "An Auth Token has 8–256 visible characters and no spaces.");

export const StripeApiKeySchema = z
  .string()
  .trim()
  .min(1, "Enter a Stripe secret or restricted API key.")
  .refine(
    (key) => !/^pk_/.test(key),
    "That is a publishable key (pk_…); the portal needs a secret (sk_…) or restricted (rk_…) key.",
  )
  .refine(
    (key) => /^(sk|rk)_(live|test)_[A-Za-z0-9_]{8,247}$/.test(key),
    "A Stripe API key starts with sk_live_, sk_test_, rk_live_ or rk_test_.",
  );

export const CreateIntegrationSchema = z.object({
  siteUrl: SiteUrlSchema,
  authToken: ImpactAuthTokenSchema,
  programId: digits("Program ID"),
  eventTypeId: digits("Event Type ID"),
  recurringEventTypeId: digits("Recurring Event Tracker ID"),
  apiKey: StripeApiKeySchema,
});
export type CreateIntegrationInput = z.infer<typeof CreateIntegrationSchema>;

// On edit the stored secrets are never sent back to the browser; an empty secret field means "keep it".
const keepIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

export const UpdateIntegrationSchema = CreateIntegrationSchema.extend({
  authToken: keepIfEmpty(ImpactAuthTokenSchema),
  apiKey: keepIfEmpty(StripeApiKeySchema),
});
export type UpdateIntegrationInput = z.infer<typeof UpdateIntegrationSchema>;
