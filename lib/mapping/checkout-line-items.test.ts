import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { toConversionLineItems } from "@/lib/mapping/checkout-line-items";
import { MappingError } from "@/lib/mapping/mapping-error";
import { fixtureLineItem } from "@/testing/stripe/fixtures/fixture-builders";

describe("toConversionLineItems", () => {
  it("takes the product id from the price and the name from the description", () => {
    expect(toConversionLineItems([fixtureLineItem()])).toEqual([
      { productId: "prod_QXg1hqf4jFNsqG", productName: "Lifetime licence", quantity: 1, amountTotal: 4900 },
    ]);
  });

  it("uses an expanded product's id and name, and quantity 1 when null", () => {
    const item = fixtureLineItem({ description: null, quantity: null });
    if (!item.price) throw new Error("price expected");
    item.price.product = { id: "prod_X", name: "Expanded name" } as Stripe.Product;
    expect(toConversionLineItems([item])).toEqual([
      { productId: "prod_X", productName: "Expanded name", quantity: 1, amountTotal: 4900 },
    ]);
  });

  it("throws a MappingError for a line without a price", () => {
    expect(() => toConversionLineItems([fixtureLineItem({ price: null })])).toThrow(MappingError);
  });
});
