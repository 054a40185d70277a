import type Stripe from "stripe";
import { fakeStripeId, formatAmount, nowSeconds } from "@/testing/stripe/builders/common";

export interface InvoiceLineOptions {
  id?: string;
  amount: number;
  description?: string;
  /** Line metadata: for subscription lines Stripe copies the subscription's metadata here. */
  metadata?: Stripe.Metadata;
  price?: string;
  product?: string;
  quantity?: number;
  proration?: boolean;
}

export interface PaidInvoiceOptions {
  id?: string;
  billingReason?: Stripe.Invoice.BillingReason;
  currency?: string;
  /** What the customer paid; defaults to the lines' total minus discounts (2000 with default lines). */
  amountPaid?: number;
  customer?: string;
  customerEmail?: string | null;
  /** The subscription the invoice belongs to (`parent.subscription_details.subscription`); null for a one-off invoice. */
  subscription?: string | null;
  /** `parent.subscription_details.metadata`: the subscription's metadata as of finalization. */
  subscriptionMetadata?: Stripe.Metadata | null;
  lines?: InvoiceLineOptions[];
  /** Discount ids (`di_…`) applied to the invoice and the amount each took off. */
  discounts?: Array<{ discount: string; amount: number }>;
  /** `status_transitions.paid_at`, seconds. */
  paidAt?: number;
  created?: number;
  metadata?: Stripe.Metadata;
  livemode?: boolean;
}

/**
 * A paid invoice in the pinned API version's shape: subscription link under
 * `parent.subscription_details`, paid time in `status_transitions.paid_at`, lines with their own
 * metadata and `parent.subscription_item_details`, `discounts` as ids plus `total_discount_amounts`.
 */
export function buildPaidInvoice(
  options: PaidInvoiceOptions = {},
  overrides: Partial<Stripe.Invoice> = {},
): Stripe.Invoice {
  const id = options.id ?? fakeStripeId("in");
  const currency = options.currency ?? "usd";
  const livemode = options.livemode ?? false;
  const subscription = options.subscription === undefined ? fakeStripeId("sub") : options.subscription;
  const discounts = options.discounts ?? [];
  const discountTotal = discounts.reduce((sum, item) => sum + item.amount, 0);
  const lineOptions = options.lines ?? [{ amount: (options.amountPaid ?? 2000) + discountTotal }];
  const lines = lineOptions.map((line) => buildInvoiceLine(line, { invoice: id, currency, subscription, livemode }));
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  const total = subtotal - discountTotal;
  const amountPaid = options.amountPaid ?? total;
  const created = options.created ?? nowSeconds() - 60;
  const paidAt = options.paidAt ?? created + 30;
  return {
    id,
    object: "invoice",
    account_country: "US",
    account_name: "Example Store",
    account_tax_ids: null,
    amount_due: amountPaid,
    amount_overpaid: 0,
    amount_paid: amountPaid,
    amount_remaining: 0,
    amount_shipping: 0,
    application: null,
    attempt_count: 1,
    attempted: true,
    auto_advance: false,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: options.billingReason ?? (subscription ? "subscription_create" : "manual"),
    collection_method: "charge_automatically",
    created,
    currency,
    custom_fields: null,
    customer: options.customer ?? fakeStripeId("cus", 14),
    customer_account: null,
    customer_address: null,
    customer_email: options.customerEmail === undefined ? "jenny.rosen@example.com" : options.customerEmail,
    customer_name: "Jenny Rosen",
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: discounts.map((item) => item.discount),
    due_date: null,
    effective_at: paidAt,
    ending_balance: 0,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: "https://invoice.stripe.com/i/acct_test/test",
    invoice_pdf: "https://pay.stripe.com/invoice/acct_test/test/pdf",
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: "list", data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode,
    metadata: options.metadata ?? {},
    next_payment_attempt: null,
    number: `${id.slice(-8).toUpperCase()}-0001`,
    on_behalf_of: null,
    parent: subscription
      ? {
          quote_details: null,
          subscription_details: { metadata: options.subscriptionMetadata ?? {}, subscription },
          type: "subscription_details",
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: created,
    period_start: created,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "paid",
    status_transitions: { finalized_at: created + 1, marked_uncollectible_at: null, paid_at: paidAt, voided_at: null },
    subtotal,
    subtotal_excluding_tax: subtotal,
    test_clock: null,
    total,
    total_discount_amounts: discounts.map((item) => ({ amount: item.amount, discount: item.discount })),
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: created,
    ...overrides,
  };
}

export function buildInvoiceLine(
  line: InvoiceLineOptions,
  context: { invoice: string; currency: string; subscription: string | null; livemode: boolean },
): Stripe.InvoiceLineItem {
  const quantity = line.quantity ?? 1;
  const start = nowSeconds();
  return {
    id: line.id ?? fakeStripeId("il"),
    object: "line_item",
    amount: line.amount,
    currency: context.currency,
    description:
      line.description ?? `${quantity} × Pro (at ${formatAmount(line.amount / quantity, context.currency)} / month)`,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: context.invoice,
    livemode: context.livemode,
    metadata: line.metadata ?? {},
    parent: context.subscription
      ? {
          invoice_item_details: null,
          subscription_item_details: {
            invoice_item: null,
            proration: line.proration ?? false,
            proration_details: { credited_items: null },
            subscription: context.subscription,
            subscription_item: fakeStripeId("si", 14),
          },
          type: "subscription_item_details",
        }
      : {
          // A one-off invoice's lines come from invoice items.
          invoice_item_details: {
            invoice_item: fakeStripeId("ii"),
            proration: false,
            proration_details: { credited_items: null },
            subscription: null,
          },
          subscription_item_details: null,
          type: "invoice_item_details",
        },
    period: { end: start + 30 * 24 * 3600, start },
    pretax_credit_amounts: [],
    pricing: {
      price_details: { price: line.price ?? fakeStripeId("price"), product: line.product ?? fakeStripeId("prod", 14) },
      type: "price_details",
      unit_amount_decimal: null,
    },
    quantity,
    quantity_decimal: null,
    subscription: null,
    subtotal: line.amount,
    taxes: [],
  };
}

export interface InvoicePaymentOptions {
  id?: string;
  /** The invoice (id or object) this payment paid; stored as its id, as Stripe returns it. */
  invoice: string | Stripe.Invoice;
  paymentIntent?: string;
  amountPaid?: number;
  currency?: string;
  paidAt?: number;
  livemode?: boolean;
}

/** The link `invoicePayments.list({ payment: { type: 'payment_intent', payment_intent } })` finds. */
export function buildInvoicePayment(
  options: InvoicePaymentOptions,
  overrides: Partial<Stripe.InvoicePayment> = {},
): Stripe.InvoicePayment {
  const invoice = typeof options.invoice === "string" ? undefined : options.invoice;
  const amount = options.amountPaid ?? invoice?.amount_paid ?? 2000;
  const paidAt = options.paidAt ?? invoice?.status_transitions.paid_at ?? nowSeconds();
  return {
    id: options.id ?? fakeStripeId("inpay"),
    object: "invoice_payment",
    amount_paid: amount,
    amount_requested: amount,
    created: paidAt - 1,
    currency: options.currency ?? invoice?.currency ?? "usd",
    invoice: typeof options.invoice === "string" ? options.invoice : options.invoice.id,
    is_default: true,
    livemode: options.livemode ?? invoice?.livemode ?? false,
    payment: { payment_intent: options.paymentIntent ?? fakeStripeId("pi"), type: "payment_intent" },
    status: "paid",
    status_transitions: { canceled_at: null, paid_at: paidAt },
    ...overrides,
  };
}
