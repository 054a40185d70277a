import { describe, expect, it } from "vitest";
import { findClickId, findClickIdInMetadata } from "@/lib/mapping/click-id";
import { fixtureSubscriptionSession } from "@/testing/stripe/fixtures/fixture-builders";

describe("findClickIdInMetadata", () => {
  it.each([
    [{ impact_click_id: "abc" }, "abc"],
    [{ im_ref: "abc" }, "abc"],
    [{ irclickid: "abc" }, "abc"],
    [{ IRCLICKID: "abc" }, "abc"],
    [{ Impact_Click_Id: "abc" }, "abc"],
    [{ Im_Ref: "  abc  " }, "abc"],
  ])("finds %j", (metadata, expected) => {
    expect(findClickIdInMetadata(metadata)).toBe(expected);
  });

  it("prefers impact_click_id over im_ref over irclickid within one source", () => {
    expect(findClickIdInMetadata({ irclickid: "c", im_ref: "b", impact_click_id: "a" })).toBe("a");
    expect(findClickIdInMetadata({ irclickid: "c", im_ref: "b" })).toBe("b");
  });

  it("skips blank values and falls through to the next key", () => {
    expect(findClickIdInMetadata({ impact_click_id: "   ", irclickid: "c" })).toBe("c");
    expect(findClickIdInMetadata({ impact_click_id: "" })).toBeNull();
  });

  it("ignores unrelated keys, non-string values and missing metadata", () => {
    expect(findClickIdInMetadata({ click_id: "x", user_id: "y" })).toBeNull();
    expect(findClickIdInMetadata({ irclickid: 42 })).toBeNull();
    expect(findClickIdInMetadata(null)).toBeNull();
    expect(findClickIdInMetadata(undefined)).toBeNull();
  });
});

describe("findClickId", () => {
  const all = {
    invoiceLines: [{ irclickid: "from-line" }],
    subscriptionDetails: { irclickid: "from-subscription" },
    checkoutSession: { irclickid: "from-session" },
    customer: { irclickid: "from-customer" },
  };

  it("checks invoice lines, subscription details, checkout session, customer — in that order", () => {
    expect(findClickId(all)).toEqual({ clickId: "from-line", source: "invoice_line" });
    expect(findClickId({ ...all, invoiceLines: [{}] })).toEqual({
      clickId: "from-subscription",
      source: "subscription_details",
    });
    expect(findClickId({ ...all, invoiceLines: [], subscriptionDetails: null })).toEqual({
      clickId: "from-session",
      source: "checkout_session",
    });
    expect(findClickId({ customer: { IM_REF: "from-customer" } })).toEqual({
      clickId: "from-customer",
      source: "customer",
    });
  });

  it("lets an earlier source win even with a lower-priority key", () => {
    expect(findClickId({ invoiceLines: [{ irclickid: "line" }], customer: { impact_click_id: "customer" } })).toEqual({
      clickId: "line",
      source: "invoice_line",
    });
  });

  it("uses the first line that has one", () => {
    expect(findClickId({ invoiceLines: [{ user_id: "u" }, null, { im_ref: "second" }] })).toEqual({
      clickId: "second",
      source: "invoice_line",
    });
  });

  it("returns nulls when nothing has a click id", () => {
    expect(findClickId({})).toEqual({ clickId: null, source: null });
    expect(findClickId({ invoiceLines: [{}], subscriptionDetails: {}, checkoutSession: { order_id: "o" } })).toEqual({
      clickId: null,
      source: null,
    });
  });

  it("does not read client_reference_id unless the caller passes it", () => {
    const session = fixtureSubscriptionSession();
    expect(session.client_reference_id).toBeTruthy();
    expect(findClickId({ checkoutSession: session.metadata })).toEqual({ clickId: null, source: null });
    // Even a session-shaped object with the reference in it is not searched by field name.
    expect(findClickIdInMetadata({ client_reference_id: "e4c56c8c" })).toBeNull();
    expect(findClickId({ checkoutSession: { client_reference_id: "e4c56c8c" } })).toEqual({
      clickId: null,
      source: null,
    });
  });

  describe("clientReferenceId (passed only when the integration's option is on)", () => {
    it("is searched right after the checkout session's metadata and before the customer", () => {
      const withReference = { ...all, clientReferenceId: "from-reference" };
      expect(findClickId({ ...withReference, invoiceLines: [], subscriptionDetails: null })).toEqual({
        clickId: "from-session",
        source: "checkout_session",
      });
      expect(
        findClickId({
          ...withReference,
          invoiceLines: [],
          subscriptionDetails: null,
          checkoutSession: { order_id: "o" },
        }),
      ).toEqual({ clickId: "from-reference", source: "client_reference_id" });
      expect(findClickId({ clientReferenceId: "from-reference", customer: { impact_click_id: "c" } })).toEqual({
        clickId: "from-reference",
        source: "client_reference_id",
      });
    });

    it("loses to the invoice lines and subscription details", () => {
      expect(findClickId({ ...all, clientReferenceId: "from-reference" }).source).toBe("invoice_line");
      expect(findClickId({ ...all, invoiceLines: [], clientReferenceId: "from-reference" }).source).toBe(
        "subscription_details",
      );
    });

    it("is trimmed, and a blank or null one falls through to the customer", () => {
      expect(findClickId({ clientReferenceId: "  ref  " })).toEqual({ clickId: "ref", source: "client_reference_id" });
      for (const clientReferenceId of ["", "   ", null, undefined]) {
        expect(findClickId({ clientReferenceId, customer: { irclickid: "from-customer" } })).toEqual({
          clickId: "from-customer",
          source: "customer",
        });
      }
    });

    it("takes the value as it is: the reference is the click id itself, not metadata", () => {
      const session = fixtureSubscriptionSession();
      expect(
        findClickId({ checkoutSession: session.metadata, clientReferenceId: session.client_reference_id }),
      ).toEqual({
        clickId: "e4c56c8c-7bab-4ad1-a210-df683817bbdf",
        source: "client_reference_id",
      });
    });
  });
});
