import type Stripe from "stripe";
import { fakeStripeId, nowSeconds } from "@/testing/stripe/builders/common";

export interface ChargeOptions {
  id?: string;
  amount?: number;
  /** Cumulative, like Stripe's `amount_refunded`; `refunded` becomes true when it reaches `amount`. */
  amountRefunded?: number;
  currency?: string;
  paymentIntent?: string | null;
  customer?: string | null;
  /** Only when given is `refunds` present (Stripe no longer includes it by default). */
  refunds?: Stripe.Refund[];
  /** Whether a dispute was opened on the charge (see `buildDispute`); default false. */
  disputed?: boolean;
  created?: number;
  livemode?: boolean;
}

/** A succeeded card charge, optionally (partly) refunded. */
export function buildCharge(options: ChargeOptions = {}, overrides: Partial<Stripe.Charge> = {}): Stripe.Charge {
  const id = options.id ?? fakeStripeId("ch");
  const amount = options.amount ?? 2000;
  const amountRefunded = options.amountRefunded ?? 0;
  const charge: Stripe.Charge = {
    id,
    object: "charge",
    amount,
    amount_captured: amount,
    amount_refunded: amountRefunded,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: fakeStripeId("txn"),
    billing_details: {
      address: null,
      email: "jenny.rosen@example.com",
      name: "Jenny Rosen",
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: "EXAMPLE STORE",
    captured: true,
    created: options.created ?? nowSeconds() - 300,
    currency: options.currency ?? "usd",
    customer: options.customer === undefined ? fakeStripeId("cus", 14) : options.customer,
    description: null,
    disputed: options.disputed ?? false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: options.livemode ?? false,
    metadata: {},
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: "approved_by_network",
      reason: null,
      seller_message: "Payment complete.",
      type: "authorized",
    },
    paid: true,
    payment_intent: options.paymentIntent === undefined ? fakeStripeId("pi") : options.paymentIntent,
    payment_method: fakeStripeId("pm"),
    payment_method_details: null,
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: amount > 0 && amountRefunded >= amount,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "succeeded",
    transfer_data: null,
    transfer_group: null,
    ...overrides,
  };
  if (options.refunds) {
    charge.refunds = { object: "list", data: options.refunds, has_more: false, url: `/v1/charges/${id}/refunds` };
  }
  return charge;
}

export interface RefundOptions {
  id?: string;
  charge: string;
  amount: number;
  currency?: string;
  paymentIntent?: string | null;
  status?: "pending" | "succeeded" | "failed" | "canceled" | "requires_action";
  created?: number;
}

export function buildRefund(options: RefundOptions, overrides: Partial<Stripe.Refund> = {}): Stripe.Refund {
  return {
    id: options.id ?? fakeStripeId("re"),
    object: "refund",
    amount: options.amount,
    balance_transaction: null,
    charge: options.charge,
    created: options.created ?? nowSeconds(),
    currency: options.currency ?? "usd",
    customer: null,
    customer_account: null,
    metadata: {},
    payment_intent: options.paymentIntent ?? null,
    payment_method: null,
    reason: "requested_by_customer",
    receipt_number: null,
    source_transfer_reversal: null,
    status: options.status ?? "succeeded",
    transfer_reversal: null,
    ...overrides,
  };
}
