import Stripe from "stripe";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

/** Stripe's own default: a signature older than five minutes is a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

// A signed body is trusted to come from Stripe, not to be well-formed: check what intake reads.
// Stored in text and timestamp columns: printable ASCII only (a NUL would make PostgreSQL refuse the
// row, a 5xx Stripe retries for days), and a creation time PostgreSQL and JavaScript dates can hold.
const printable = (max: number) =>
  z
    .string()
    .regex(/^[\x20-\x7e]*$/, "must be printable ASCII")
    .max(max);
const LATEST_TIMESTAMP = 253_402_300_799; // 9999-12-31T23:59:59Z
const StripeEventEnvelopeSchema = z.object({
  id: z
    .string()
    .regex(/^evt_[A-Za-z0-9_]+$/, "id must look like evt_…")
    .max(255),
  object: z.literal("event"),
  type: printable(255).min(1),
  created: z.number().int().positive().max(LATEST_TIMESTAMP),
  livemode: z.boolean(),
  api_version: printable(64).nullable().optional(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

/**
 * Verifies `Stripe-Signature` against the integration's signing secret (300 s tolerance) and the
 * event's shape. Throws AppError BAD_REQUEST with the precise reason; nothing is stored on failure.
 */
export function verifyStripeEvent(rawBody: string, signature: string | null, secret: string): Stripe.Event {
  if (!signature) throw new AppError("BAD_REQUEST", "missing Stripe-Signature header");
  let event: unknown;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature, secret, SIGNATURE_TOLERANCE_SECONDS);
  } catch (error) {
    if (error instanceof SyntaxError) throw new AppError("BAD_REQUEST", "the signed body is not valid JSON");
    throw new AppError("BAD_REQUEST", `signature verification failed: ${(error as Error).message.split("\n")[0]}`);
  }
  const parsed = StripeEventEnvelopeSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("BAD_REQUEST", `not a Stripe event: ${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return event as Stripe.Event;
}
