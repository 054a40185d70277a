/**
 * Builders for realistic Stripe objects in the SDK's pinned API version, for seeding the fake Stripe
 * and for unit tests of the mapping. Every builder takes options for the fields tests care about and
 * a final `overrides` object applied last.
 */

export {
  buildCoupon,
  buildDiscount,
  buildPrice,
  buildProduct,
  buildPromotionCode,
  type CouponOptions,
  type DiscountOptions,
  type PriceOptions,
  type ProductOptions,
  type PromotionCodeOptions,
} from "@/testing/stripe/builders/catalog";
export { buildCharge, buildRefund, type ChargeOptions, type RefundOptions } from "@/testing/stripe/builders/charge";
export {
  buildCheckoutLineItem,
  buildCheckoutSession,
  type CheckoutLineItemOptions,
  type CheckoutSessionOptions,
} from "@/testing/stripe/builders/checkout";
export { fakeCheckoutSessionId, fakeStripeId } from "@/testing/stripe/builders/common";
export {
  buildCustomer,
  buildSubscription,
  type CustomerOptions,
  type SubscriptionOptions,
} from "@/testing/stripe/builders/customer";
export { buildDispute, type DisputeOptions } from "@/testing/stripe/builders/dispute";
export { buildEvent, type EventOptions, type StripeEventOf } from "@/testing/stripe/builders/event";
export {
  buildInvoiceLine,
  buildInvoicePayment,
  buildPaidInvoice,
  type InvoiceLineOptions,
  type InvoicePaymentOptions,
  type PaidInvoiceOptions,
} from "@/testing/stripe/builders/invoice";
