// The building blocks of the demo stream's story (demo-scenario.ts): subscribers whose invoices get paid,
// one-time checkouts, refunds and chargebacks. Each block answers the step it makes: the objects the
// portal's Stripe reads will look for, seeded when the step happens, and the event Stripe sends for it.
import type Stripe from "stripe";
import type { SeedableStripeObject } from "@/testing/fakes/stripe/seed";
import {
  buildCharge,
  buildCheckoutLineItem,
  buildCheckoutSession,
  buildCustomer,
  buildDispute,
  buildEvent,
  buildInvoicePayment,
  buildPaidInvoice,
  buildProduct,
  buildPromotionCode,
  buildSubscription,
} from "@/testing/stripe/builders";

/** What impact.com does with a step's order (set up by the caller's fake impact.com before the event is sent). */
export type DemoImpactPlan =
  | { kind: "reject"; orderId: string; errorType: string; errorReason: string }
  | { kind: "fail-then-accept"; orderId: string; failures: number; status: number };

export type DemoStep = {
  /** Seconds after the stream started, at time scale 1; also the story's clock (object timestamps). */
  at: number;
  /** Stable name of the step, for logs, the control route and tests. */
  key: string;
  /** What happens, in the words of the shop. */
  title: string;
  objects: SeedableStripeObject[];
  /** Checkout line items, served by `/v1/checkout/sessions/:id/line_items`. */
  lineItems?: { sessionId: string; items: Stripe.LineItem[] };
  event: Stripe.Event;
  impact?: DemoImpactPlan;
};

/** Where a shop keeps the affiliate click id: each place the portal looks (SPEC §7) appears once in the story. */
export type ClickIdPlace = "checkout_session" | "subscription_details" | "invoice_line" | "customer";

export type DemoPerson = { name: string; email: string };

type StepBase = { at: number; key: string; title: string };

/** Unix seconds of the step at `at`: the story's clock starts when the stream does. */
export type StoryClock = (at: number) => number;

/**
 * A customer and their monthly subscription. The click id sits where `clickId.place` says (or nowhere);
 * `checkout()` is the subscription-mode checkout that created it, `invoicePaid()` each paid invoice.
 */
export function subscriber(
  clock: StoryClock,
  person: DemoPerson,
  plan: { unitAmount: number; currency: string; clickId?: { place: ClickIdPlace; value: string } },
) {
  const clickId = plan.clickId;
  const on = (place: ClickIdPlace): Stripe.Metadata => (clickId?.place === place ? { irclickid: clickId.value } : {});
  const customer = buildCustomer({ ...person, metadata: on("customer") });
  const subscription = buildSubscription({
    customer: customer.id,
    unitAmount: plan.unitAmount,
    currency: plan.currency,
    metadata: on("subscription_details"),
  });
  const invoices: Stripe.Invoice[] = [];

  return {
    customer,
    subscription,
    /** checkout.session.completed of a subscription-mode session: the portal skips it, the invoice carries the money. */
    checkout(step: StepBase): DemoStep {
      const session = buildCheckoutSession({
        mode: "subscription",
        subscription: subscription.id,
        customer: customer.id,
        email: person.email,
        amountTotal: plan.unitAmount,
        currency: plan.currency,
        metadata: on("checkout_session"),
        created: clock(step.at) - 20,
      });
      return {
        ...step,
        objects: [customer, subscription, session],
        event: buildEvent("checkout.session.completed", session, { created: clock(step.at) }),
      };
    },
    /** invoice.paid of one of the subscription's invoices; `charge` also seeds the payment behind it (for a dispute). */
    invoicePaid(
      step: StepBase & {
        billingReason: Stripe.Invoice.BillingReason;
        amountPaid?: number;
        proration?: boolean;
        impact?: (orderId: string) => DemoImpactPlan;
      },
    ): DemoStep & { invoice: Stripe.Invoice; charge: Stripe.Charge } {
      const paidAt = clock(step.at);
      const amountPaid = step.amountPaid ?? plan.unitAmount;
      const invoice = buildPaidInvoice({
        billingReason: step.billingReason,
        currency: plan.currency,
        customer: customer.id,
        customerEmail: person.email,
        subscription: subscription.id,
        subscriptionMetadata: subscription.metadata,
        lines: [{ amount: amountPaid, metadata: on("invoice_line"), proration: step.proration }],
        amountPaid,
        created: paidAt - 2,
        paidAt,
      });
      invoices.push(invoice);
      const paymentIntent = `pi_${invoice.id.slice(3)}`;
      const charge = buildCharge({
        amount: amountPaid,
        currency: plan.currency,
        customer: customer.id,
        paymentIntent,
        created: paidAt,
      });
      const payment = buildInvoicePayment({ invoice, paymentIntent });
      return {
        at: step.at,
        key: step.key,
        title: step.title,
        invoice,
        charge,
        objects: [customer, subscription, invoice, ...(amountPaid > 0 ? [charge, payment] : [])],
        event: buildEvent("invoice.paid", invoice, { created: paidAt }),
        ...(step.impact ? { impact: step.impact(invoice.id) } : {}),
      };
    },
  };
}

export type DemoLineItem = { product: string; unitAmount: number; quantity?: number; discount?: number };

/**
 * A paid one-time checkout (payment mode): its line items and products, the promotion code when one was
 * used, and the charge a refund can later reduce. The OrderId is its PaymentIntent.
 */
export function oneTimeCheckout(
  clock: StoryClock,
  step: StepBase & {
    person: DemoPerson;
    currency: string;
    items: DemoLineItem[];
    promotionCode?: string;
    clickId?: { place: "checkout_session" | "customer"; value: string };
  },
): DemoStep & { charge: Stripe.Charge } {
  const created = clock(step.at);
  const click = (place: "checkout_session" | "customer"): Stripe.Metadata =>
    step.clickId?.place === place ? { irclickid: step.clickId.value } : {};
  const customer = buildCustomer({ ...step.person, metadata: click("customer") });
  const products = step.items.map((item) => buildProduct({ name: item.product }));
  const items = step.items.map((item, index) =>
    buildCheckoutLineItem({
      product: products[index]!.id,
      description: item.product,
      unitAmount: item.unitAmount,
      quantity: item.quantity,
      amountDiscount: item.discount,
      currency: step.currency,
    }),
  );
  const amountTotal = items.reduce((sum, item) => sum + item.amount_total, 0);
  const amountDiscount = items.reduce((sum, item) => sum + item.amount_discount, 0);
  const promotion = step.promotionCode ? buildPromotionCode({ code: step.promotionCode }) : undefined;
  const session = buildCheckoutSession({
    mode: "payment",
    customer: customer.id,
    email: step.person.email,
    amountTotal,
    amountDiscount,
    currency: step.currency,
    metadata: click("checkout_session"),
    promotionCode: promotion?.id ?? null,
    created: created - 20,
  });
  const charge = buildCharge({
    amount: amountTotal,
    currency: step.currency,
    customer: customer.id,
    paymentIntent: session.payment_intent as string,
    created,
  });
  return {
    at: step.at,
    key: step.key,
    title: step.title,
    charge,
    objects: [customer, ...products, ...(promotion ? [promotion] : []), session, charge],
    lineItems: { sessionId: session.id, items },
    event: buildEvent("checkout.session.completed", session, { created }),
  };
}

/** charge.refunded with `amountRefunded` in total (Stripe's cumulative amount): partial, or all of it. */
export function refund(
  clock: StoryClock,
  step: StepBase & { charge: Stripe.Charge; amountRefunded: number },
): DemoStep {
  const { charge } = step;
  const refunded = buildCharge({
    id: charge.id,
    amount: charge.amount,
    amountRefunded: step.amountRefunded,
    currency: charge.currency,
    customer: charge.customer as string,
    paymentIntent: charge.payment_intent as string,
    created: charge.created,
  });
  return {
    at: step.at,
    key: step.key,
    title: step.title,
    objects: [refunded],
    event: buildEvent("charge.refunded", refunded, { created: clock(step.at) }),
  };
}

/** charge.dispute.closed of a chargeback the shop lost in full: the money is gone as if refunded. */
export function lostDispute(clock: StoryClock, step: StepBase & { charge: Stripe.Charge }): DemoStep {
  const closedAt = clock(step.at);
  const disputed = { ...step.charge, disputed: true };
  const dispute = buildDispute({ charge: disputed, status: "lost", created: closedAt - 5 });
  return {
    at: step.at,
    key: step.key,
    title: step.title,
    objects: [disputed, dispute],
    event: buildEvent("charge.dispute.closed", dispute, { created: closedAt }),
  };
}
