import type Stripe from "stripe";
import { fakeStripeId, nowSeconds } from "@/testing/stripe/builders/common";

export interface ProductOptions {
  id?: string;
  name?: string;
  metadata?: Stripe.Metadata;
  livemode?: boolean;
}

export function buildProduct(options: ProductOptions = {}, overrides: Partial<Stripe.Product> = {}): Stripe.Product {
  const created = nowSeconds();
  return {
    id: options.id ?? fakeStripeId("prod", 14),
    object: "product",
    active: true,
    created,
    default_price: null,
    description: null,
    images: [],
    livemode: options.livemode ?? false,
    marketing_features: [],
    metadata: options.metadata ?? {},
    name: options.name ?? "Pro plan",
    package_dimensions: null,
    shippable: null,
    tax_code: null,
    tax_details: null,
    type: "service",
    updated: created,
    url: null,
    ...overrides,
  };
}

export interface PriceOptions {
  id?: string;
  /** Product id (or object, when a test wants it already expanded). */
  product?: string | Stripe.Product;
  unitAmount?: number;
  currency?: string;
  /** Omit for a one-time price. */
  recurring?: { interval: Stripe.Price.Recurring.Interval; intervalCount?: number };
  livemode?: boolean;
}

export function buildPrice(options: PriceOptions = {}, overrides: Partial<Stripe.Price> = {}): Stripe.Price {
  const unitAmount = options.unitAmount ?? 2000;
  return {
    id: options.id ?? fakeStripeId("price"),
    object: "price",
    active: true,
    billing_scheme: "per_unit",
    created: nowSeconds(),
    currency: options.currency ?? "usd",
    custom_unit_amount: null,
    livemode: options.livemode ?? false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: options.product ?? fakeStripeId("prod", 14),
    recurring: options.recurring
      ? {
          interval: options.recurring.interval,
          interval_count: options.recurring.intervalCount ?? 1,
          meter: null,
          trial_period_days: null,
          usage_type: "licensed",
        }
      : null,
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: options.recurring ? "recurring" : "one_time",
    unit_amount: unitAmount,
    unit_amount_decimal: null,
    ...overrides,
  };
}

export interface CouponOptions {
  id?: string;
  percentOff?: number;
  amountOff?: number;
  currency?: string;
  livemode?: boolean;
}

export function buildCoupon(options: CouponOptions = {}, overrides: Partial<Stripe.Coupon> = {}): Stripe.Coupon {
  const amountOff = options.amountOff ?? null;
  return {
    id: options.id ?? fakeStripeId("coupon", 8).replace("coupon_", ""),
    object: "coupon",
    amount_off: amountOff,
    created: nowSeconds(),
    currency: amountOff === null ? null : (options.currency ?? "usd"),
    duration: "once",
    duration_in_months: null,
    livemode: options.livemode ?? false,
    max_redemptions: null,
    metadata: {},
    name: null,
    percent_off: amountOff === null ? (options.percentOff ?? 20) : null,
    redeem_by: null,
    times_redeemed: 1,
    valid: true,
    ...overrides,
  };
}

export interface PromotionCodeOptions {
  id?: string;
  code?: string;
  /** Coupon id the code applies. */
  coupon?: string;
  livemode?: boolean;
}

export function buildPromotionCode(
  options: PromotionCodeOptions = {},
  overrides: Partial<Stripe.PromotionCode> = {},
): Stripe.PromotionCode {
  return {
    id: options.id ?? fakeStripeId("promo"),
    object: "promotion_code",
    active: true,
    code: options.code ?? "SPRING20",
    created: nowSeconds(),
    customer: null,
    customer_account: null,
    expires_at: null,
    livemode: options.livemode ?? false,
    max_redemptions: null,
    metadata: {},
    promotion: { coupon: options.coupon ?? "SPRING20", type: "coupon" },
    restrictions: { first_time_transaction: false, minimum_amount: null, minimum_amount_currency: null },
    times_redeemed: 1,
    ...overrides,
  };
}

export interface DiscountOptions {
  id?: string;
  coupon?: string;
  /** Promotion code id, the field `expand[]=discounts.promotion_code` turns into an object. */
  promotionCode?: string | null;
  customer?: string | null;
  invoice?: string | null;
  subscription?: string | null;
  checkoutSession?: string | null;
}

export function buildDiscount(
  options: DiscountOptions = {},
  overrides: Partial<Stripe.Discount> = {},
): Stripe.Discount {
  return {
    id: options.id ?? fakeStripeId("di"),
    object: "discount",
    checkout_session: options.checkoutSession ?? null,
    customer: options.customer ?? null,
    customer_account: null,
    end: null,
    invoice: options.invoice ?? null,
    invoice_item: null,
    promotion_code: options.promotionCode ?? null,
    source: { coupon: options.coupon ?? "SPRING20", type: "coupon" },
    start: nowSeconds(),
    subscription: options.subscription ?? null,
    subscription_item: null,
    ...overrides,
  };
}
