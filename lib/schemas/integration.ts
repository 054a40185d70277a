import { z } from "zod";

/** The form's text inputs, in the order the form shows them (labels in SPEC §3). */
export const INTEGRATION_TEXT_FIELDS = [
  "siteUrl",
  "authToken",
  "programId",
  "eventTypeId",
  "recurringEventTypeId",
  "apiKey",
] as const;
export type IntegrationTextField = (typeof INTEGRATION_TEXT_FIELDS)[number];

/** The form's checkboxes, shown after the text inputs: FormData carries them as "on" or not at all. */
export const INTEGRATION_CHECKBOX_FIELDS = ["clickIdFromClientReference"] as const;
export type IntegrationCheckboxField = (typeof INTEGRATION_CHECKBOX_FIELDS)[number];

/** Every form field name, in the order the form shows them. */
export const INTEGRATION_FIELDS = [...INTEGRATION_TEXT_FIELDS, ...INTEGRATION_CHECKBOX_FIELDS] as const;
export type IntegrationField = (typeof INTEGRATION_FIELDS)[number];

export const INTEGRATION_LABELS: Record<IntegrationField, string> = {
  siteUrl: "URL",
  authToken: "Auth Token",
  programId: "Program ID",
  eventTypeId: "Event Type ID",
  recurringEventTypeId: "Recurring Event Tracker ID",
  apiKey: "API Key",
  clickIdFromClientReference: "Click ID in client_reference_id (Payment Links)",
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
  )
  // Only an origin: the URL lands in the CSV export and in Stripe's endpoint description, and a path,
  // query or fragment is where text a spreadsheet might run (or a phishing link) would hide.
  .refine(
    (url) => /^https:\/\/[^/?#@\\\s]+\/?$/.test(url),
    "Enter just your site's address, e.g. https://shop.example.com, without a path, ? or #.",
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

/**
 * A ticked checkbox arrives in FormData as "on" and an unticked one not at all; code may pass a boolean.
 * Absent means off, so an edit with the box unticked turns the setting off.
 */
export const CheckboxSchema = z
  .union([z.boolean(), z.literal("on")], { error: "Tick the box or leave it empty." })
  .optional()
  .transform((value) => value === true || value === "on");

export const CreateIntegrationSchema = z.object({
  siteUrl: SiteUrlSchema,
  authToken: ImpactAuthTokenSchema,
  programId: digits("Program ID"),
  eventTypeId: digits("Event Type ID"),
  recurringEventTypeId: digits("Recurring Event Tracker ID"),
  apiKey: StripeApiKeySchema,
  clickIdFromClientReference: CheckboxSchema,
});
/** What a caller hands in: the form's fields, the checkbox optional (left out means off). */
export type CreateIntegrationInput = z.input<typeof CreateIntegrationSchema>;
/** What the schema answers: every field present, the checkbox a boolean. */
export type CreateIntegrationData = z.output<typeof CreateIntegrationSchema>;

// On edit the stored secrets are never sent back to the browser; an empty secret field means "keep it".
const keepIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

export const UpdateIntegrationSchema = CreateIntegrationSchema.extend({
  authToken: keepIfEmpty(ImpactAuthTokenSchema),
  apiKey: keepIfEmpty(StripeApiKeySchema),
});
export type UpdateIntegrationInput = z.infer<typeof UpdateIntegrationSchema>;
