import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { findDiscountIdsToExpand, findPromotionCodeId } from "@/lib/mapping/promotion-code";
import { fixtureDiscount, fixtureInvoice, fixturePaymentSession } from "@/testing/stripe/fixtures/fixture-builders";
import { PROMOTION_CODE } from "@/testing/stripe/fixtures/promotion-code";

describe("findPromotionCodeId — invoice", () => {
  it("is null without discounts (the fixture)", () => {
    expect(findPromotionCodeId(fixtureInvoice())).toBeNull();
    expect(findDiscountIdsToExpand(fixtureInvoice())).toEqual([]);
  });

  it("reads promotion_code from expanded discounts", () => {
    const invoice = fixtureInvoice({ discounts: [fixtureDiscount({ promotion_code: "promo_123" })] });
    expect(findPromotionCodeId(invoice)).toBe("promo_123");
    expect(findDiscountIdsToExpand(invoice)).toEqual([]);
  });

  it("skips coupon-only discounts (source.coupon is not a code) and takes the next one", () => {
    const couponOnly = fixtureDiscount({
      id: "di_coupon",
      promotion_code: null,
      source: { coupon: "co_1", type: "coupon" },
    });
    const withCode = fixtureDiscount({ id: "di_code", promotion_code: { ...PROMOTION_CODE } });
    expect(findPromotionCodeId(fixtureInvoice({ discounts: [couponOnly, withCode] }))).toBe(PROMOTION_CODE.id);
    expect(findPromotionCodeId(fixtureInvoice({ discounts: [couponOnly] }))).toBeNull();
  });

  it("reads expanded total_discount_amounts[].discount", () => {
    const invoice = fixtureInvoice({
      total_discount_amounts: [{ amount: 500, discount: fixtureDiscount({ promotion_code: "promo_line" }) }],
    });
    expect(findPromotionCodeId(invoice)).toBe("promo_line");
  });

  it("asks for expansion when discounts are ids only (as in webhook payloads)", () => {
    const invoice = fixtureInvoice({
      discounts: ["di_1"],
      total_discount_amounts: [
        { amount: 500, discount: "di_1" },
        { amount: 100, discount: "di_2" },
      ],
    });
    expect(findPromotionCodeId(invoice)).toBeNull();
    expect(findDiscountIdsToExpand(invoice)).toEqual(["di_1", "di_2"]);
  });

  it("tolerates a null total_discount_amounts", () => {
    expect(findPromotionCodeId(fixtureInvoice({ total_discount_amounts: null }))).toBeNull();
  });
});

describe("findPromotionCodeId — checkout session", () => {
  it("reads discounts[].promotion_code as id or expanded object", () => {
    expect(
      findPromotionCodeId(fixturePaymentSession({ discounts: [{ coupon: "co_1", promotion_code: "promo_9" }] })),
    ).toBe("promo_9");
    const expanded = fixturePaymentSession({ discounts: [{ coupon: null, promotion_code: { ...PROMOTION_CODE } }] });
    expect(findPromotionCodeId(expanded)).toBe(PROMOTION_CODE.id);
  });

  it("is null for coupons without a code, no discounts, or discounts: null", () => {
    expect(
      findPromotionCodeId(fixturePaymentSession({ discounts: [{ coupon: "co_1", promotion_code: null }] })),
    ).toBeNull();
    expect(findPromotionCodeId(fixturePaymentSession({ discounts: [] }))).toBeNull();
    expect(findPromotionCodeId(fixturePaymentSession({ discounts: null }))).toBeNull();
  });

  it("accepts the SDK's deleted-discount shape on invoices", () => {
    const deleted = {
      ...fixtureDiscount({ promotion_code: "promo_gone" }),
      deleted: true,
    } as unknown as Stripe.DeletedDiscount;
    expect(findPromotionCodeId(fixtureInvoice({ discounts: [deleted] }))).toBe("promo_gone");
  });
});
