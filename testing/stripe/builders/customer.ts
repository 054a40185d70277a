import type Stripe from "stripe";
import { buildPrice } from "@/testing/stripe/builders/catalog";
import { fakeStripeId, nowSeconds } from "@/testing/stripe/builders/common";

export interface CustomerOptions {
  id?: string;
  email?: string | null;
  name?: string | null;
  /** The last place the mapping looks for a click id. */
  metadata?: Stripe.Metadata;
  livemode?: boolean;
}

export function buildCustomer(
  options: CustomerOptions = {},
  overrides: Partial<Stripe.Customer> = {},
): Stripe.Customer {
  return {
    id: options.id ?? fakeStripeId("cus", 14),
    object: "customer",
    balance: 0,
    created: nowSeconds() - 3600,
    default_source: null,
    description: null,
    email: options.email === undefined ? "jenny.rosen@example.com" : options.email,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: options.livemode ?? false,
    metadata: options.metadata ?? {},
    name: options.name === undefined ? "Jenny Rosen" : options.name,
    shipping: null,
    ...overrides,
  };
}

export interface SubscriptionOptions {
  id?: string;
  customer?: string;
  /** Checkout does not copy session metadata here; shops that want it set it themselves. */
  metadata?: Stripe.Metadata;
  status?: Stripe.Subscription.Status;
  unitAmount?: number;
  currency?: string;
  product?: string;
  interval?: "day" | "week" | "month" | "year";
  latestInvoice?: string | null;
  livemode?: boolean;
}

export function buildSubscription(
  options: SubscriptionOptions = {},
  overrides: Partial<Stripe.Subscription> = {},
): Stripe.Subscription {
  const id = options.id ?? fakeStripeId("sub");
  const created = nowSeconds() - 3600;
  const interval = options.interval ?? "month";
  const livemode = options.livemode ?? false;
  const price = buildPrice({
    product: options.product,
    unitAmount: options.unitAmount,
    currency: options.currency,
    recurring: { interval },
    livemode,
  });
  const item: Stripe.SubscriptionItem = {
    id: fakeStripeId("si", 14),
    object: "subscription_item",
    billing_thresholds: null,
    created,
    current_period_end: created + 30 * 24 * 3600,
    current_period_start: created,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: {
      id: price.id,
      object: "plan",
      active: true,
      amount: price.unit_amount,
      amount_decimal: null,
      billing_scheme: "per_unit",
      created,
      currency: price.currency,
      interval,
      interval_count: 1,
      livemode,
      metadata: {},
      meter: null,
      nickname: null,
      product: price.product,
      tiers_mode: null,
      transform_usage: null,
      trial_period_days: null,
      usage_type: "licensed",
    },
    price,
    quantity: 1,
    subscription: id,
    tax_rates: [],
  };
  return {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: created,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: "classic" },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: null,
    collection_method: "charge_automatically",
    created,
    currency: price.currency,
    customer: options.customer ?? fakeStripeId("cus", 14),
    customer_account: null,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    description: null,
    discounts: [],
    ended_at: null,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: "self" },
    },
    items: { object: "list", data: [item], has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: options.latestInvoice ?? null,
    livemode,
    managed_payments: null,
    metadata: options.metadata ?? {},
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: null,
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: created,
    status: options.status ?? "active",
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: null,
    trial_start: null,
    ...overrides,
  };
}
