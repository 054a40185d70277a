// Stripe webhook bodies for load: one realistic invoice.paid payload serialised once, then each request
// gets fresh event/invoice/customer ids by string replacement (cheap enough for thousands per second)
// and a real `Stripe-Signature` from the SDK's own generateTestHeaderString.

import type Stripe from "stripe";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

const EVENT_ID = "evt_1TEMPLATEEVENTID000000000";
const INVOICE_ID = "in_1TEMPLATEINVOICEID0000000";
const CUSTOMER_ID = "cus_TEMPLATECUST00";

export type InvoiceTemplate = { render(ids: { eventId: string; invoiceId: string; customerId: string }): string };

/** An invoice.paid body template; `billingReason` decides what intake plans (manual → a skipped delivery). */
export function invoicePaidTemplate(billingReason: Stripe.Invoice.BillingReason): InvoiceTemplate {
  const invoice = buildPaidInvoice({ id: INVOICE_ID, customer: CUSTOMER_ID, billingReason, amountPaid: 4900 });
  const parts = JSON.stringify(buildEvent("invoice.paid", invoice, { id: EVENT_ID })).split(
    new RegExp(`(${EVENT_ID}|${INVOICE_ID}|${CUSTOMER_ID})`),
  );
  return {
    render: ({ eventId, invoiceId, customerId }) =>
      parts
        .map((part) =>
          part === EVENT_ID ? eventId : part === INVOICE_ID ? invoiceId : part === CUSTOMER_ID ? customerId : part,
        )
        .join(""),
  };
}

/** Stripe-like ids that are unique per run and per request number. */
export function benchIds(runId: string, n: number) {
  const suffix = `${runId}${n.toString(36).padStart(6, "0")}`;
  return { eventId: `evt_1B${suffix}`, invoiceId: `in_1B${suffix}`, customerId: `cus_B${suffix}` };
}
