import { describe, expect, it } from "vitest";
import { buildInvoice, buildPaymentSession, withLineMetadata, withSubscriptionMetadata } from "@/lib/mapping/__fixtures__/builders";
import { findCustomerIdForLookup, findSubscriptionIdForSessionLookup } from "@/lib/mapping/conversion-lookups";

describe("findSubscriptionIdForSessionLookup", () => {
  it("asks for the subscription's checkout session when the invoice carries no click id (the fixture)", () => {
    expect(findSubscriptionIdForSessionLookup(buildInvoice())).toBe("sub_1RxHxrGaouLfVOpUpfTWqbjM");
  });

  it("skips the lookup when a line or the subscription details already have a click id", () => {
    expect(findSubscriptionIdForSessionLookup(withLineMetadata(buildInvoice(), [{ irclickid: "x" }]))).toBeNull();
    expect(findSubscriptionIdForSessionLookup(withSubscriptionMetadata(buildInvoice(), { im_ref: "x" }))).toBeNull();
  });

  it("is null for an invoice without a subscription", () => {
    expect(findSubscriptionIdForSessionLookup(buildInvoice({ parent: null }))).toBeNull();
  });
});

describe("findCustomerIdForLookup", () => {
  it("asks for the customer when no earlier source has a click id", () => {
    expect(findCustomerIdForLookup(buildInvoice())).toBe("cus_SsllV761J0q08n");
    expect(findCustomerIdForLookup(buildInvoice(), { order_id: "o" })).toBe("cus_SsllV761J0q08n");
  });

  it("skips the lookup when the checkout session metadata had one", () => {
    expect(findCustomerIdForLookup(buildInvoice(), { impact_click_id: "x" })).toBeNull();
  });

  it("works for payment-mode sessions and guest checkouts", () => {
    expect(findCustomerIdForLookup(buildPaymentSession())).toBe("cus_SsllV761J0q08n");
    expect(findCustomerIdForLookup(buildPaymentSession({ metadata: { irclickid: "x" } }))).toBeNull();
    expect(findCustomerIdForLookup(buildPaymentSession({ customer: null }))).toBeNull();
  });
});
