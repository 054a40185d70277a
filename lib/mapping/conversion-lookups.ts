// What the job must read from Stripe before building a conversion, so that it makes only the calls
// that can change the result. Each helper answers from the object alone (no network here).
import type Stripe from "stripe";
import { findClickId, type MetadataLike } from "@/lib/mapping/click-id";
import { expandableIdOf, invoiceConversionSchema, sessionConversionSchema } from "@/lib/mapping/stripe-schemas";

/**
 * The subscription whose checkout session to look up (`checkout.sessions.list({ subscription, limit: 1 })`,
 * pass its `metadata` as `checkoutSessionMetadata`), or null when the invoice has no subscription or
 * already carries a click id on its lines or subscription details. Checkout does not copy session
 * metadata to the subscription, so for most shops this is where the click id lives.
 */
export function findSubscriptionIdForSessionLookup(invoice: Stripe.Invoice): string | null {
  const parsed = invoiceConversionSchema.safeParse(invoice);
  if (!parsed.success) return null;
  const details = parsed.data.parent?.subscription_details;
  if (!details) return null;
  const own = findClickId({
    invoiceLines: parsed.data.lines.data.map((line) => line.metadata),
    subscriptionDetails: details.metadata,
  });
  return own.clickId ? null : expandableIdOf(details.subscription);
}

/**
 * The customer whose metadata to read (`customers.retrieve`, pass `metadata` as `customerMetadata`;
 * a deleted customer has none), or null when there is no customer or an earlier source already has
 * the click id. For an invoice, pass the checkout session metadata found (if any) first.
 */
export function findCustomerIdForLookup(
  object: Stripe.Invoice | Stripe.Checkout.Session,
  checkoutSessionMetadata?: MetadataLike,
): string | null {
  if (object.object === "checkout.session") {
    const parsed = sessionConversionSchema.safeParse(object);
    if (!parsed.success) return null;
    const found = findClickId({ checkoutSession: parsed.data.metadata });
    return found.clickId ? null : expandableIdOf(parsed.data.customer);
  }
  const parsed = invoiceConversionSchema.safeParse(object);
  if (!parsed.success) return null;
  const found = findClickId({
    invoiceLines: parsed.data.lines.data.map((line) => line.metadata),
    subscriptionDetails: parsed.data.parent?.subscription_details?.metadata,
    checkoutSession: checkoutSessionMetadata,
  });
  return found.clickId ? null : expandableIdOf(parsed.data.customer);
}
