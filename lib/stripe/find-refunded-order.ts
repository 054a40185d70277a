// Which conversion a refunded charge belongs to (SPEC §7): the invoice paid by
// its PaymentIntent (subscriptions), else the one-time checkout whose OrderId is
// the PaymentIntent itself.
import type Stripe from "stripe";

export type RefundedOrder = { orderId: string; source: "invoice" | "checkout" };

export async function findRefundedOrder(stripe: Stripe, paymentIntentId: string): Promise<RefundedOrder> {
  const payments = await stripe.invoicePayments.list({
    payment: { type: "payment_intent", payment_intent: paymentIntentId },
    limit: 1,
  });
  const invoice = payments.data[0]?.invoice;
  const invoiceId = typeof invoice === "string" ? invoice : invoice?.id;
  if (invoiceId) return { orderId: invoiceId, source: "invoice" };
  return { orderId: paymentIntentId, source: "checkout" };
}
