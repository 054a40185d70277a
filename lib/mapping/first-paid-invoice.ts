// First or recurring, by money (SPEC §7): an invoice of a subscription that paid something is the
// subscription's first paid invoice when no other invoice of it with amount_paid > 0 was paid before it.
// Asked of Stripe's list of the subscription's paid invoices, never of what the portal happens to have
// seen (an integration is often newer than its subscriptions). Pure: the job does the reading.
import type { IntegrationEventTypes } from "@/lib/mapping/plan-deliveries";

/** What the decision reads of each paid invoice of the subscription (Stripe's `invoices.list`). */
export type PaidInvoiceSummary = {
  id: string;
  amountPaid: number;
  /** `status_transitions.paid_at`, Unix seconds (null on odd objects: `created` decides then). */
  paidAt: number | null;
  created: number;
  billingReason: string | null;
};

export type EventTypeDecision = {
  eventTypeId: string;
  isFirst: boolean;
  /** Shown in the event detail: which rule chose the event type, in words. */
  rule: string;
};

/** Paid order: paid_at, then created, then id — a stable order even for invoices paid in one second. */
function paidOrder(a: PaidInvoiceSummary, b: PaidInvoiceSummary): number {
  return (
    (a.paidAt ?? a.created) - (b.paidAt ?? b.created) ||
    a.created - b.created ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

const REASON_WORDS: Record<string, string> = {
  subscription_cycle: "a renewal",
  subscription_update: "a prorated change of plan",
  subscription_threshold: "a usage threshold invoice",
  manual: "a manual invoice",
};

/**
 * The event type of `invoice`, given every paid invoice of its subscription (it may or may not be among
 * them: Stripe's list can lag the webhook). Refunded invoices count: they were paid.
 */
export function decideInvoiceEventType(
  invoice: PaidInvoiceSummary,
  subscriptionId: string,
  paidInvoices: readonly PaidInvoiceSummary[],
  config: IntegrationEventTypes,
): EventTypeDecision {
  const all = [...paidInvoices.filter((other) => other.id !== invoice.id), invoice].sort(paidOrder);
  const earlierPaid = all.slice(0, all.indexOf(invoice)).filter((other) => other.amountPaid > 0);
  if (earlierPaid.length === 0) {
    const hadFreeInvoice = all.some((other) => other.amountPaid === 0 && paidOrder(other, invoice) < 0);
    const after = hadFreeInvoice
      ? ", after a trial"
      : invoice.billingReason === "subscription_create"
        ? ""
        : ` (${invoice.billingReason ?? "no billing_reason"})`;
    return { eventTypeId: config.eventTypeId, isFirst: true, rule: `first paid invoice of ${subscriptionId}${after}` };
  }
  const first = earlierPaid[0]!;
  const kind = REASON_WORDS[invoice.billingReason ?? ""] ?? `billing_reason ${invoice.billingReason ?? "none"}`;
  return {
    eventTypeId: config.recurringEventTypeId,
    isFirst: false,
    rule: `paid invoice ${earlierPaid.length + 1} of ${subscriptionId}, ${kind} (its first paid invoice was ${first.id})`,
  };
}

/** When the portal has already recorded the subscription's first conversion, that alone is conclusive. */
export function recurringByRecord(
  subscriptionId: string,
  firstOrderId: string,
  config: IntegrationEventTypes,
): EventTypeDecision {
  return {
    eventTypeId: config.recurringEventTypeId,
    isFirst: false,
    rule: `a later paid invoice of ${subscriptionId} (its first paid invoice ${firstOrderId} is already recorded)`,
  };
}
