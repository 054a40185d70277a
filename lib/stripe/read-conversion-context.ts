// The Stripe reads a conversion needs beyond the webhook payload (SPEC §7): the
// checkout session that created the subscription (most shops' click id lives in
// its metadata), the customer's metadata, the promotion code's text and, for a
// one-time checkout, its line items. Only the reads that can change the result are made.
import type Stripe from "stripe";
import type { ConversionContext } from "@/lib/mapping/build-conversion";
import { toConversionLineItems } from "@/lib/mapping/checkout-line-items";
import { findCustomerIdForLookup, findSubscriptionIdForSessionLookup } from "@/lib/mapping/conversion-lookups";
import { findDiscountIdsToExpand, findPromotionCodeId, INVOICE_DISCOUNT_EXPAND } from "@/lib/mapping/promotion-code";

type StripeObject = Stripe.Invoice | Stripe.Checkout.Session;
export type ConversionLookups = Omit<ConversionContext, "integration" | "eventCreated">;

const isMissing = (error: unknown) => (error as { statusCode?: number }).statusCode === 404;

async function readPromotionCode(stripe: Stripe, object: StripeObject): Promise<string | undefined> {
  let source = object;
  if (object.object === "invoice" && findDiscountIdsToExpand(object).length > 0 && object.id) {
    source = await stripe.invoices.retrieve(object.id, { expand: [...INVOICE_DISCOUNT_EXPAND] });
  }
  const promotionCodeId = findPromotionCodeId(source);
  if (!promotionCodeId) return undefined;
  try {
    return (await stripe.promotionCodes.retrieve(promotionCodeId)).code;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

async function readCustomerMetadata(stripe: Stripe, customerId: string | null) {
  if (!customerId) return undefined;
  try {
    const customer = await stripe.customers.retrieve(customerId);
    return customer.deleted ? undefined : customer.metadata;
  } catch (error) {
    if (isMissing(error)) return undefined; // a deleted customer just has no click id
    throw error;
  }
}

async function readLineItems(stripe: Stripe, sessionId: string) {
  const items: Stripe.LineItem[] = [];
  for await (const item of stripe.checkout.sessions.listLineItems(sessionId, {
    limit: 100,
    expand: ["data.price.product"],
  })) {
    items.push(item);
  }
  return toConversionLineItems(items);
}

/** Reads everything buildConversion needs from Stripe. Throws Stripe errors for the caller to retry. */
export async function readConversionContext(stripe: Stripe, object: StripeObject): Promise<ConversionLookups> {
  if (object.object === "checkout.session") {
    const [lineItems, promotionCode, customerMetadata] = await Promise.all([
      readLineItems(stripe, object.id),
      readPromotionCode(stripe, object),
      readCustomerMetadata(stripe, findCustomerIdForLookup(object)),
    ]);
    return { lineItems, promotionCode, customerMetadata };
  }
  const subscriptionId = findSubscriptionIdForSessionLookup(object);
  const sessions = subscriptionId
    ? await stripe.checkout.sessions.list({ subscription: subscriptionId, limit: 1 })
    : undefined;
  const checkoutSessionMetadata = sessions?.data[0]?.metadata ?? undefined;
  const [promotionCode, customerMetadata] = await Promise.all([
    readPromotionCode(stripe, object),
    readCustomerMetadata(stripe, findCustomerIdForLookup(object, checkoutSessionMetadata)),
  ]);
  return { checkoutSessionMetadata, promotionCode, customerMetadata };
}
