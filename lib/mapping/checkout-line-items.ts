import type Stripe from "stripe";
import { MappingError } from "@/lib/mapping/mapping-error";

/** One checkout line as the conversion builder needs it (one impact.com item each). */
export interface ConversionLineItem {
  productId: string;
  productName: string;
  quantity: number;
  /** Line total after discounts and taxes, integer minor units. */
  amountTotal: number;
}

/**
 * Converts `checkout.sessions.listLineItems(sessionId)` results (all pages) into builder input.
 * No expansion is needed: `price.product` is the product id and a line's `description` defaults to the
 * product name; an expanded product's name is used only when the description is empty.
 */
export function toConversionLineItems(items: ReadonlyArray<Stripe.LineItem>): ConversionLineItem[] {
  return items.map((item, index) => {
    const product = item.price?.product;
    const productId = typeof product === "string" ? product : product?.id;
    if (!productId) {
      throw new MappingError("malformed_payload", `checkout line item ${index + 1} (${item.id}) has no price.product`);
    }
    const expandedName = typeof product === "object" && !product.deleted ? product.name : "";
    return {
      productId,
      productName: item.description ?? expandedName,
      quantity: item.quantity ?? 1,
      amountTotal: item.amount_total,
    };
  });
}
