import type Stripe from "stripe";
import { fakeStripeId, nowSeconds } from "@/testing/stripe/builders/common";

// Stripe's dispute fee in the US; withdrawn with the disputed amount and given back when the dispute is won.
const DISPUTE_FEE = 1500;
// Inquiries (`warning_*`) and prevented disputes never move money.
const NO_FUNDS_MOVED: ReadonlySet<string> = new Set([
  "warning_needs_response",
  "warning_under_review",
  "warning_closed",
  "prevented",
]);
const CLOSED: ReadonlySet<string> = new Set(["won", "lost", "warning_closed", "prevented"]);

export interface DisputeOptions {
  id?: string;
  /**
   * The disputed charge, as an id or the charge itself; stored as its id, as Stripe returns it. A charge
   * object supplies the defaults of `amount`, `currency`, `paymentIntent` and `livemode`.
   */
  charge: string | Stripe.Charge;
  /** The disputed amount in minor units (a dispute may cover only part of the charge); default the charge's amount, else 2000. */
  amount?: number;
  /** Default `needs_response` (a fresh chargeback); `charge.dispute.closed` carries `lost`, `won` or `warning_closed`. */
  status?: Stripe.Dispute.Status;
  /** Default the charge's currency, else `usd`. */
  currency?: string;
  /** Default the charge's `payment_intent`, else a new `pi_…`; null for a charge without one. */
  paymentIntent?: string | null;
  /** Default `fraudulent`. */
  reason?: string;
  created?: number;
  metadata?: Stripe.Metadata;
  livemode?: boolean;
}

/**
 * A card dispute (chargeback) in the pinned API version's shape. `balance_transactions` follows the money
 * like Stripe: a chargeback withdraws the amount plus the fee when it opens and a won one gets both back;
 * inquiries (`warning_*`) move nothing.
 */
export function buildDispute(options: DisputeOptions, overrides: Partial<Stripe.Dispute> = {}): Stripe.Dispute {
  const charge = typeof options.charge === "string" ? undefined : options.charge;
  const chargeId = typeof options.charge === "string" ? options.charge : options.charge.id;
  const id = options.id ?? fakeStripeId("dp");
  const amount = options.amount ?? charge?.amount ?? 2000;
  const currency = options.currency ?? charge?.currency ?? "usd";
  const status = options.status ?? "needs_response";
  const created = options.created ?? nowSeconds() - 600;
  const livemode = options.livemode ?? charge?.livemode ?? false;
  const paymentIntent =
    options.paymentIntent !== undefined
      ? options.paymentIntent
      : charge
        ? idOf(charge.payment_intent)
        : fakeStripeId("pi");
  const movesFunds = !NO_FUNDS_MOVED.has(status);
  const balanceTransactions: Stripe.BalanceTransaction[] = [];
  if (movesFunds) {
    balanceTransactions.push(
      disputeBalanceTransaction({
        dispute: id,
        charge: chargeId,
        amount: -amount,
        fee: DISPUTE_FEE,
        currency,
        created,
      }),
    );
    if (status === "won") {
      balanceTransactions.push(
        disputeBalanceTransaction({
          dispute: id,
          charge: chargeId,
          amount,
          fee: -DISPUTE_FEE,
          currency,
          created: created + 7 * 24 * 3600,
        }),
      );
    }
  }
  const isClosed = CLOSED.has(status);
  return {
    id,
    object: "dispute",
    amount,
    balance_transactions: balanceTransactions,
    charge: chargeId,
    created,
    currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: isClosed ? null : created + 7 * 24 * 3600,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    },
    intended_submission_method: null,
    // Once the funds are withdrawn the charge can no longer be refunded; an inquiry still can be.
    is_charge_refundable: !movesFunds,
    livemode,
    metadata: options.metadata ?? {},
    network_reason_code: "10.4",
    payment_intent: paymentIntent,
    payment_method_details: {
      card: {
        brand: "visa",
        case_type: movesFunds ? "chargeback" : "inquiry",
        network: "visa",
        network_reason_code: "10.4",
      },
      type: "card",
    },
    reason: options.reason ?? "fraudulent",
    status,
    ...overrides,
  };
}

function disputeBalanceTransaction(input: {
  dispute: string;
  charge: string;
  amount: number;
  fee: number;
  currency: string;
  created: number;
}): Stripe.BalanceTransaction {
  const withdrawal = input.amount < 0;
  return {
    id: fakeStripeId("txn"),
    object: "balance_transaction",
    amount: input.amount,
    available_on: input.created + 2 * 24 * 3600,
    balance_type: "payments",
    created: input.created,
    currency: input.currency,
    description: `${withdrawal ? "Chargeback withdrawal" : "Chargeback reversal"} for ${input.charge}`,
    exchange_rate: null,
    fee: input.fee,
    fee_details: [
      {
        amount: input.fee,
        application: null,
        currency: input.currency,
        description: "Dispute fee",
        type: "stripe_fee",
      },
    ],
    net: input.amount - input.fee,
    reporting_category: withdrawal ? "dispute" : "dispute_reversal",
    source: input.dispute,
    status: "pending",
    type: "adjustment",
  };
}

function emptyEvidence(): Stripe.Dispute.Evidence {
  return {
    access_activity_log: null,
    billing_address: null,
    cancellation_policy: null,
    cancellation_policy_disclosure: null,
    cancellation_rebuttal: null,
    customer_communication: null,
    customer_email_address: null,
    customer_name: null,
    customer_purchase_ip: null,
    customer_signature: null,
    duplicate_charge_documentation: null,
    duplicate_charge_explanation: null,
    duplicate_charge_id: null,
    enhanced_evidence: {},
    product_description: null,
    receipt: null,
    refund_policy: null,
    refund_policy_disclosure: null,
    refund_refusal_explanation: null,
    service_date: null,
    service_documentation: null,
    shipping_address: null,
    shipping_carrier: null,
    shipping_date: null,
    shipping_documentation: null,
    shipping_tracking_number: null,
    uncategorized_file: null,
    uncategorized_text: null,
  };
}

function idOf(value: string | { id: string } | null): string | null {
  return value === null || typeof value === "string" ? value : value.id;
}
