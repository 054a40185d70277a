// Zod schemas for the few fields the mapping reads from Stripe objects. A webhook body is signed but
// not guaranteed to have the shape the SDK types promise (older API versions, test tools, hand-made
// events), so every field is checked before use and a failure names the field instead of throwing a
// TypeError deep in the mapping. Unknown fields pass through untouched; only what is read is declared.
import { z } from "zod";

const MAX_REPORTED_ISSUES = 3;

const ExpandableIdSchema = z.union([z.string().min(1), z.object({ id: z.string().min(1) })], {
  error: "expected an id string or an expanded object with an id",
});

const MetadataSchema = z.record(z.string(), z.unknown()).nullable().optional();
const MinorAmountSchema = z.number().int();
const UnixSecondsSchema = z.number().int().nonnegative();
const CurrencySchema = z.string().regex(/^[A-Za-z]{3}$/, "expected a three-letter ISO currency code");

/** What planning reads from the event itself; the object is checked by its own schema. */
export const eventEnvelopeSchema = z.object({
  type: z.string().min(1),
  data: z.object({ object: z.unknown() }).nullable().optional(),
});

/** What planning reads from an invoice. */
export const invoicePlanSchema = z.object({
  object: z.literal("invoice"),
  id: z.string().min(1),
  billing_reason: z.string().nullable(),
  amount_paid: MinorAmountSchema.nonnegative(),
  currency: CurrencySchema,
  /** This API version names an invoice's subscription here (null for a one-off invoice). */
  parent: z
    .object({
      subscription_details: z.object({ subscription: ExpandableIdSchema.nullable().optional() }).nullable().optional(),
    })
    .nullable()
    .optional(),
});

/** What building a conversion reads from an invoice, on top of {@link invoicePlanSchema}. */
export const invoiceConversionSchema = invoicePlanSchema.extend({
  customer: ExpandableIdSchema.nullable(),
  customer_email: z.string().nullable().optional(),
  status_transitions: z.object({ paid_at: UnixSecondsSchema.nullable() }),
  lines: z.object({
    data: z.array(
      z.object({
        amount: MinorAmountSchema,
        description: z.string().nullable().optional(),
        quantity: z.number().nullable().optional(),
        metadata: MetadataSchema,
      }),
    ),
  }),
  parent: z
    .object({
      subscription_details: z
        .object({ metadata: MetadataSchema, subscription: ExpandableIdSchema })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
});

/** What planning reads from a checkout session before it knows whether the session is sent at all. */
export const sessionModeSchema = z.object({
  object: z.literal("checkout.session"),
  id: z.string().min(1),
  mode: z.string().min(1),
  payment_status: z.string().min(1),
  amount_total: MinorAmountSchema.nullable().optional(),
});

/** What planning reads from a payment-mode, paid session. */
export const sessionPaymentSchema = sessionModeSchema.extend({
  payment_intent: ExpandableIdSchema.nullable(),
  currency: CurrencySchema,
});

/** What building a conversion reads from a checkout session. */
export const sessionConversionSchema = sessionPaymentSchema.extend({
  customer: ExpandableIdSchema.nullable().optional(),
  customer_email: z.string().nullable().optional(),
  customer_details: z.object({ email: z.string().nullable().optional() }).nullable().optional(),
  metadata: MetadataSchema,
  client_reference_id: z.string().nullable().optional(),
});

/** What planning reads from a refunded charge. */
export const chargeRefundSchema = z.object({
  object: z.literal("charge"),
  id: z.string().min(1),
  payment_intent: ExpandableIdSchema.nullable(),
});

/** A closed dispute (chargeback): lost ones take money back like a refund (SPEC §7). */
export const disputeClosedSchema = z.object({
  object: z.literal("dispute"),
  id: z.string().min(1),
  charge: ExpandableIdSchema,
  status: z.string(),
  payment_intent: ExpandableIdSchema.nullable().optional(),
});

/** The id of an expandable field, whether Stripe sent the id or the expanded object. */
export function expandableIdOf(value: string | { id: string } | null | undefined): string | null {
  if (value == null) return null;
  return typeof value === "string" ? value : value.id;
}

/**
 * One line naming the offending fields, e.g.
 * `malformed invoice: amount_paid: Invalid input: expected number, received string`.
 */
export function describePayloadError(what: string, error: z.ZodError): string {
  const issues = error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const path = issue.path.map(String).join(".") || "(root)";
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > MAX_REPORTED_ISSUES ? ` (+${error.issues.length - MAX_REPORTED_ISSUES} more)` : "";
  return `malformed ${what}: ${issues.join("; ")}${more}`;
}
