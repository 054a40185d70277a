import type Stripe from "stripe";
import { buildPrice } from "@/testing/stripe/builders/catalog";
import { fakeCheckoutSessionId, fakeStripeId, nowSeconds } from "@/testing/stripe/builders/common";

export interface CheckoutSessionOptions {
  id?: string;
  /** `payment` (one-time, sent as a conversion) or `subscription` (its invoice.paid carries the money). */
  mode?: Stripe.Checkout.Session.Mode;
  paymentStatus?: Stripe.Checkout.Session.PaymentStatus;
  amountTotal?: number;
  amountDiscount?: number;
  currency?: string;
  customer?: string | null;
  /** `customer_details.email`. */
  email?: string | null;
  /** Where most shops put the affiliate click id (`impact_click_id`, `irclickid`, …). */
  metadata?: Stripe.Metadata;
  clientReferenceId?: string | null;
  /** Defaults to a new `pi_…` in payment mode and null in subscription mode. */
  paymentIntent?: string | null;
  /** Defaults to a new `sub_…` in subscription mode and null in payment mode. */
  subscription?: string | null;
  invoice?: string | null;
  /** Promotion code id used at checkout, giving `discounts: [{ promotion_code }]`. */
  promotionCode?: string | null;
  created?: number;
  livemode?: boolean;
}

/** A completed Checkout Session, payment mode by default. Line items are separate: see `buildCheckoutLineItem`. */
export function buildCheckoutSession(
  options: CheckoutSessionOptions = {},
  overrides: Partial<Stripe.Checkout.Session> = {},
): Stripe.Checkout.Session {
  const mode = options.mode ?? "payment";
  const livemode = options.livemode ?? false;
  const amountTotal = options.amountTotal ?? 2000;
  const amountDiscount = options.amountDiscount ?? 0;
  const created = options.created ?? nowSeconds() - 120;
  const subscription =
    options.subscription !== undefined ? options.subscription : mode === "subscription" ? fakeStripeId("sub") : null;
  const paymentIntent =
    options.paymentIntent !== undefined ? options.paymentIntent : mode === "payment" ? fakeStripeId("pi") : null;
  return {
    id: options.id ?? fakeCheckoutSessionId(livemode),
    object: "checkout.session",
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: amountTotal + amountDiscount,
    amount_total: amountTotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: "https://shop.example.com/cancel",
    client_reference_id: options.clientReferenceId ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency: options.currency ?? "usd",
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: options.customer === undefined ? fakeStripeId("cus", 14) : options.customer,
    customer_account: null,
    customer_creation: null,
    customer_details: {
      address: null,
      business_name: null,
      email: options.email === undefined ? "jenny.rosen@example.com" : options.email,
      individual_name: null,
      name: "Jenny Rosen",
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    },
    customer_email: null,
    discounts: options.promotionCode ? [{ coupon: null, promotion_code: options.promotionCode }] : [],
    expires_at: created + 24 * 3600,
    integration_identifier: null,
    invoice: options.invoice ?? null,
    invoice_creation: null,
    livemode,
    locale: null,
    managed_payments: null,
    metadata: options.metadata ?? {},
    mode,
    origin_context: null,
    payment_intent: paymentIntent,
    payment_link: null,
    payment_method_collection: "always",
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ["card"],
    payment_status: options.paymentStatus ?? "paid",
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "complete",
    submit_type: null,
    subscription,
    success_url: "https://shop.example.com/success",
    total_details: { amount_discount: amountDiscount, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
    url: null,
    wallet_options: null,
    ...overrides,
  };
}

export interface CheckoutLineItemOptions {
  id?: string;
  /** Product id in `price.product` (expand `data.price.product` to get the product's name). */
  product?: string;
  price?: string;
  unitAmount?: number;
  quantity?: number;
  /** Defaults to unitAmount × quantity − amountDiscount. */
  amountTotal?: number;
  amountDiscount?: number;
  currency?: string;
  description?: string;
  recurring?: { interval: Stripe.Price.Recurring.Interval };
  livemode?: boolean;
}

/** One entry of `checkout.sessions.listLineItems`. */
export function buildCheckoutLineItem(
  options: CheckoutLineItemOptions = {},
  overrides: Partial<Stripe.LineItem> = {},
): Stripe.LineItem {
  const quantity = options.quantity ?? 1;
  const unitAmount = options.unitAmount ?? 2000;
  const amountDiscount = options.amountDiscount ?? 0;
  const subtotal = unitAmount * quantity;
  const currency = options.currency ?? "usd";
  return {
    id: options.id ?? fakeStripeId("li"),
    object: "item",
    adjustable_quantity: null,
    amount_discount: amountDiscount,
    amount_subtotal: subtotal,
    amount_tax: 0,
    amount_total: options.amountTotal ?? subtotal - amountDiscount,
    currency,
    description: options.description ?? "T-shirt",
    metadata: {},
    price: buildPrice({
      id: options.price,
      product: options.product ?? fakeStripeId("prod", 14),
      unitAmount,
      currency,
      recurring: options.recurring,
      livemode: options.livemode,
    }),
    quantity,
    ...overrides,
  };
}
