// Which promotion code a payment used. Webhook payloads carry discounts as ids only, so the job
// usually has to re-read the invoice with INVOICE_DISCOUNT_EXPAND and then fetch the promotion code
// (its `code` is what impact.com's OrderPromoCode wants).
import type Stripe from "stripe";

/** `expand` for `invoices.retrieve` that turns the invoice's discount ids into discount objects. */
export const INVOICE_DISCOUNT_EXPAND: readonly string[] = ["discounts", "total_discount_amounts.discount"];

type PromotionCodeRef = string | { id: string } | null | undefined;
type DiscountRef = string | { promotion_code?: PromotionCodeRef } | null | undefined;

/**
 * The id of the promotion code a payment used (first one found), or null. Invoice: expanded entries of
 * `discounts`, then of `total_discount_amounts[].discount` (discount objects' `promotion_code`; their
 * `source.coupon` is a coupon, not a code). Checkout session: `discounts[].promotion_code`. The job
 * fetches `promotionCodes.retrieve(id)` and passes its `code`. For an invoice whose discounts are
 * still ids, call {@link findDiscountIdsToExpand} first.
 */
export function findPromotionCodeId(object: Stripe.Invoice | Stripe.Checkout.Session): string | null {
  if (object.object === "checkout.session") {
    for (const discount of object.discounts ?? []) {
      const id = refId(discount.promotion_code);
      if (id) return id;
    }
    return null;
  }
  for (const discount of invoiceDiscountRefs(object)) {
    if (typeof discount !== "object" || discount === null) continue;
    const id = refId(discount.promotion_code);
    if (id) return id;
  }
  return null;
}

/**
 * Discount ids the invoice references without their objects, when no promotion code is visible yet.
 * Non-empty → re-read the invoice with `expand: INVOICE_DISCOUNT_EXPAND`, then call
 * {@link findPromotionCodeId} on the result.
 */
export function findDiscountIdsToExpand(invoice: Stripe.Invoice): string[] {
  if (findPromotionCodeId(invoice)) return [];
  const ids = invoiceDiscountRefs(invoice).filter((ref): ref is string => typeof ref === "string" && ref !== "");
  return [...new Set(ids)];
}

function invoiceDiscountRefs(invoice: Stripe.Invoice): DiscountRef[] {
  return [...(invoice.discounts ?? []), ...(invoice.total_discount_amounts ?? []).map((amount) => amount.discount)];
}

function refId(ref: PromotionCodeRef): string | null {
  if (!ref) return null;
  return typeof ref === "string" ? ref : ref.id || null;
}
