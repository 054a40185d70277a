// The Stripe reads a conversion needs beyond the webhook payload (SPEC §7): the
// checkout session that created the subscription (most shops' click id lives in
// its metadata), the customer's metadata, the promotion code's text and, for a
// one-time checkout, its line items. Only the reads that can change the result are made.
import type Stripe from "stripe";
import type { ConversionContext } from "@/lib/mapping/build-conversion";
import { toConversionLineItems } from "@/lib/mapping/checkout-line-items";
import { findCustomerIdForLookup, findSubscriptionIdForSessionLookup } from "@/lib/mapping/conversion-lookups";
import {
  decideInvoiceEventType,
  type EventTypeDecision,
  type PaidInvoiceSummary,
  recurringByRecord,
} from "@/lib/mapping/first-paid-invoice";
import type { IntegrationEventTypes } from "@/lib/mapping/plan-deliveries";
import { findDiscountIdsToExpand, findPromotionCodeId, INVOICE_DISCOUNT_EXPAND } from "@/lib/mapping/promotion-code";

type StripeObject = Stripe.Invoice | Stripe.Checkout.Session;
export type ConversionLookups = Omit<ConversionContext, "integration" | "eventCreated">;

/** What the job knows before reading: the integration's settings and, when recorded, the subscription's first paid invoice. */
export type ConversionReadOptions = {
  integration: IntegrationEventTypes & { clickIdFromClientReference: boolean };
  /** The subscription's first conversion the portal already recorded (another invoice): conclusive. */
  recordedFirstOrderId?: string | null;
};

const summaryOf = (invoice: Stripe.Invoice): PaidInvoiceSummary => ({
  id: invoice.id ?? "",
  amountPaid: invoice.amount_paid,
  paidAt: invoice.status_transitions?.paid_at ?? null,
  created: invoice.created,
  billingReason: invoice.billing_reason ?? null,
});

/** First or recurring: the subscription's paid invoices from Stripe, unless the portal's record settles it. */
async function readInvoiceEventType(
  stripe: Stripe,
  invoice: Stripe.Invoice,
  subscriptionId: string,
  options: ConversionReadOptions,
): Promise<EventTypeDecision> {
  if (options.recordedFirstOrderId)
    return recurringByRecord(subscriptionId, options.recordedFirstOrderId, options.integration);
  const paid: PaidInvoiceSummary[] = [];
  for await (const other of stripe.invoices.list({ subscription: subscriptionId, status: "paid", limit: 100 })) {
    paid.push(summaryOf(other));
  }
  return decideInvoiceEventType(summaryOf(invoice), subscriptionId, paid, options.integration);
}

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

function subscriptionIdOf(invoice: Stripe.Invoice): string | null {
  const subscription = invoice.parent?.subscription_details?.subscription;
  return typeof subscription === "string" ? subscription : (subscription?.id ?? null);
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
export async function readConversionContext(
  stripe: Stripe,
  object: StripeObject,
  options: ConversionReadOptions,
): Promise<ConversionLookups> {
  if (object.object === "checkout.session") {
    const hasClientReference =
      options.integration.clickIdFromClientReference && Boolean(object.client_reference_id?.trim());
    const [lineItems, promotionCode, customerMetadata] = await Promise.all([
      readLineItems(stripe, object.id),
      readPromotionCode(stripe, object),
      readCustomerMetadata(stripe, hasClientReference ? null : findCustomerIdForLookup(object)),
    ]);
    return { lineItems, promotionCode, customerMetadata };
  }
  const subscriptionId = subscriptionIdOf(object);
  // The session that created the subscription: where most click ids live, and Payment Links' reference.
  const sessionLookup = options.integration.clickIdFromClientReference
    ? subscriptionId
    : findSubscriptionIdForSessionLookup(object);
  const [sessions, eventType] = await Promise.all([
    sessionLookup ? stripe.checkout.sessions.list({ subscription: sessionLookup, limit: 1 }) : undefined,
    subscriptionId ? readInvoiceEventType(stripe, object, subscriptionId, options) : undefined,
  ]);
  const session = sessions?.data[0];
  const checkoutSessionMetadata = session?.metadata ?? undefined;
  const checkoutSessionClientReferenceId = session?.client_reference_id ?? null;
  // A client_reference_id that counts comes before the customer: the customer is then not read.
  const hasClientReference =
    options.integration.clickIdFromClientReference && Boolean(checkoutSessionClientReferenceId?.trim());
  const [promotionCode, customerMetadata] = await Promise.all([
    readPromotionCode(stripe, object),
    readCustomerMetadata(stripe, hasClientReference ? null : findCustomerIdForLookup(object, checkoutSessionMetadata)),
  ]);
  return { checkoutSessionMetadata, checkoutSessionClientReferenceId, promotionCode, customerMetadata, eventType };
}
