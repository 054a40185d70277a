import { describe, expect, it } from "vitest";
import { findCustomerIdForLookup, findSubscriptionIdForSessionLookup } from "@/lib/mapping/conversion-lookups";
import {
  fixtureInvoice,
  fixturePaymentSession,
  withLineMetadata,
  withSubscriptionMetadata,
} from "@/testing/stripe/fixtures/fixture-builders";

describe("findSubscriptionIdForSessionLookup", () => {
  it("asks for the subscription's checkout session when the invoice carries no click id (the fixture)", () => {
    expect(findSubscriptionIdForSessionLookup(fixtureInvoice())).toBe("sub_1RxHxrGaouLfVOpUpfTWqbjM");
  });

  it("skips the lookup when a line or the subscription details already have a click id", () => {
    expect(findSubscriptionIdForSessionLookup(withLineMetadata(fixtureInvoice(), [{ irclickid: "x" }]))).toBeNull();
    expect(findSubscriptionIdForSessionLookup(withSubscriptionMetadata(fixtureInvoice(), { im_ref: "x" }))).toBeNull();
  });

  it("is null for an invoice without a subscription", () => {
    expect(findSubscriptionIdForSessionLookup(fixtureInvoice({ parent: null }))).toBeNull();
  });
});

describe("findCustomerIdForLookup", () => {
  it("asks for the customer when no earlier source has a click id", () => {
    expect(findCustomerIdForLookup(fixtureInvoice())).toBe("cus_SsllV761J0q08n");
    expect(findCustomerIdForLookup(fixtureInvoice(), { order_id: "o" })).toBe("cus_SsllV761J0q08n");
  });

  it("skips the lookup when the checkout session metadata had one", () => {
    expect(findCustomerIdForLookup(fixtureInvoice(), { impact_click_id: "x" })).toBeNull();
  });

  it("works for payment-mode sessions and guest checkouts", () => {
    expect(findCustomerIdForLookup(fixturePaymentSession())).toBe("cus_SsllV761J0q08n");
    expect(findCustomerIdForLookup(fixturePaymentSession({ metadata: { irclickid: "x" } }))).toBeNull();
    expect(findCustomerIdForLookup(fixturePaymentSession({ customer: null }))).toBeNull();
  });
});
