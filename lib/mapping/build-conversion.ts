// The impact.com Conversions request (SPEC §7) for a planned conversion. The job reads whatever the
// event alone does not carry (see conversion-lookups.ts, promotion-code.ts, checkout-line-items.ts)
// and passes it in; this file only maps.
import type Stripe from "stripe";
import type { ConversionLineItem } from "@/lib/mapping/checkout-line-items";
import { type ClickIdSource, findClickId, type MetadataLike } from "@/lib/mapping/click-id";
import { formatEventDate } from "@/lib/mapping/event-date";
import type { EventTypeDecision } from "@/lib/mapping/first-paid-invoice";
import { hashEmail } from "@/lib/mapping/hash-email";
import { MappingError } from "@/lib/mapping/mapping-error";
import { formatMinorUnits } from "@/lib/mapping/money";
import {
  type ConversionPlan,
  type IntegrationEventTypes,
  planCheckoutConversion,
  planInvoiceConversion,
} from "@/lib/mapping/plan-deliveries";
import {
  describePayloadError,
  expandableIdOf,
  invoiceConversionSchema,
  sessionConversionSchema,
} from "@/lib/mapping/stripe-schemas";

export interface ConversionContext {
  integration: IntegrationEventTypes & { programId: string; clickIdFromClientReference?: boolean };
  /** `event.created` of the webhook event (a checkout's completion time). */
  eventCreated: number;
  /** Metadata of the checkout session that created the invoice's subscription. */
  checkoutSessionMetadata?: MetadataLike;
  /** `client_reference_id` of that session (read only when the integration's option is on). */
  checkoutSessionClientReferenceId?: string | null;
  /** Metadata of the paying customer. */
  customerMetadata?: MetadataLike;
  /** Required for an invoice: first or recurring, decided from the subscription's paid invoices. */
  eventType?: EventTypeDecision;
  /** The `code` of the promotion code the payment used. */
  promotionCode?: string;
  /** Required for a checkout session: its line items (see `toConversionLineItems`). */
  lineItems?: ReadonlyArray<ConversionLineItem>;
}

export interface ConversionRequest {
  /** Form parameters in SPEC §7 order, ready for `new URLSearchParams(params)`. */
  params: Record<string, string>;
  orderId: string;
  eventTypeId: string;
  /** For an invoice: the rule that chose the event type, and the subscription. */
  eventTypeRule?: string;
  subscriptionId?: string;
  /** The total sent to impact.com in minor units; the base for scaling later refunds. */
  amountMinor: number;
  /** Upper-case ISO code, as sent. */
  currency: string;
  clickIdSource: ClickIdSource | null;
}

/**
 * Builds the Conversions form for a paid invoice or a paid payment-mode checkout session. Throws a
 * {@link MappingError}: `not_a_conversion` when the object plans to a skip (with the plan's reason),
 * `malformed_payload` naming the bad field, `missing_context` when checkout line items are absent.
 */
export function buildConversion(
  object: Stripe.Invoice | Stripe.Checkout.Session,
  context: ConversionContext,
): ConversionRequest {
  if (!context.integration.programId) throw new MappingError("missing_context", "integration programId is empty");
  if (!Number.isSafeInteger(context.eventCreated) || context.eventCreated < 0) {
    throw new MappingError(
      "missing_context",
      `eventCreated must be the event's Unix timestamp, got ${context.eventCreated}`,
    );
  }
  const kind = (object as { object?: unknown }).object;
  if (kind === "invoice") return buildInvoiceConversion(object, context);
  if (kind === "checkout.session") return buildCheckoutConversion(object, context);
  throw new MappingError("malformed_payload", `cannot build a conversion from a ${String(kind)} object`);
}

function buildInvoiceConversion(invoice: unknown, context: ConversionContext): ConversionRequest {
  const planned = assertConversion(planInvoiceConversion(invoice));
  if (!context.eventType) {
    throw new MappingError("missing_context", "the invoice's event type (first paid or recurring) was not decided");
  }
  const plan = { ...planned, eventTypeId: context.eventType.eventTypeId };
  const parsed = invoiceConversionSchema.safeParse(invoice);
  if (!parsed.success) throw new MappingError("malformed_payload", describePayloadError("invoice", parsed.error));
  const data = parsed.data;
  const currency = data.currency.toUpperCase();
  const click = findClickId({
    invoiceLines: data.lines.data.map((line) => line.metadata),
    subscriptionDetails: data.parent?.subscription_details?.metadata,
    checkoutSession: context.checkoutSessionMetadata,
    clientReferenceId: context.integration.clickIdFromClientReference ? context.checkoutSessionClientReferenceId : null,
    customer: context.customerMetadata,
  });
  // The first line that charges something names the item: on an upgrade the first line is the credit
  // for unused time ("Unused time on …"), which would be a misleading category.
  const line = data.lines.data.find((candidate) => candidate.amount > 0) ?? data.lines.data[0];
  const quantity = line?.quantity;

  const params = headerParams({
    context,
    plan,
    clickId: click.clickId,
    eventDate: data.status_transitions.paid_at ?? context.eventCreated,
    customerId: expandableIdOf(data.customer),
    email: data.customer_email,
    currency,
  });
  params.ItemSku1 = "Subscription";
  if (line?.description) params.ItemCategory1 = line.description;
  params.ItemQuantity1 = String(isPositiveInteger(quantity) ? quantity : 1);
  params.ItemSubTotal1 = formatMinorUnits(data.amount_paid, currency);

  return {
    params,
    orderId: plan.orderId,
    eventTypeId: plan.eventTypeId,
    eventTypeRule: context.eventType.rule,
    subscriptionId: planned.subscriptionId,
    amountMinor: data.amount_paid,
    currency,
    clickIdSource: click.source,
  };
}

function buildCheckoutConversion(session: unknown, context: ConversionContext): ConversionRequest {
  const planned = assertConversion(planCheckoutConversion(session, context.integration));
  const plan = { ...planned, eventTypeId: context.integration.eventTypeId };
  const parsed = sessionConversionSchema.safeParse(session);
  if (!parsed.success) {
    throw new MappingError("malformed_payload", describePayloadError("checkout session", parsed.error));
  }
  const data = parsed.data;
  const lineItems = context.lineItems ?? [];
  if (lineItems.length === 0) {
    throw new MappingError(
      "missing_context",
      `no line items for checkout session ${data.id}: list them with checkout.sessions.listLineItems`,
    );
  }
  const currency = data.currency.toUpperCase();
  const click = findClickId({
    checkoutSession: data.metadata,
    clientReferenceId: context.integration.clickIdFromClientReference ? data.client_reference_id : null,
    customer: context.customerMetadata,
  });

  const params = headerParams({
    context,
    plan,
    clickId: click.clickId,
    eventDate: context.eventCreated,
    customerId: expandableIdOf(data.customer),
    email: data.customer_details?.email ?? data.customer_email,
    currency,
  });
  let amountMinor = 0;
  lineItems.forEach((item, index) => {
    assertLineItem(item, index);
    const n = index + 1;
    params[`ItemSku${n}`] = item.productId;
    if (item.productName.trim()) params[`ItemName${n}`] = item.productName;
    params[`ItemQuantity${n}`] = String(item.quantity);
    params[`ItemSubTotal${n}`] = formatMinorUnits(item.amountTotal, currency);
    amountMinor += item.amountTotal;
  });

  return {
    params,
    orderId: plan.orderId,
    eventTypeId: plan.eventTypeId,
    amountMinor,
    currency,
    clickIdSource: click.source,
  };
}

interface HeaderInput {
  context: ConversionContext;
  plan: ConversionPlan & { eventTypeId: string };
  clickId: string | null;
  eventDate: number;
  customerId: string | null;
  email: string | null | undefined;
  currency: string;
}

/** CampaignId … OrderPromoCode, in the order of the SPEC §7 table; optional ones only when present. */
function headerParams(input: HeaderInput): Record<string, string> {
  const { context, plan } = input;
  const params: Record<string, string> = {
    CampaignId: context.integration.programId,
    EventTypeId: plan.eventTypeId,
  };
  if (input.clickId) params.ClickId = input.clickId;
  params.EventDate = formatEventDate(input.eventDate);
  params.OrderId = plan.orderId;
  if (input.customerId) params.CustomerId = input.customerId;
  const emailHash = hashEmail(input.email);
  if (emailHash) params.CustomerEmail = emailHash;
  params.CurrencyCode = input.currency;
  const promotionCode = context.promotionCode?.trim();
  if (promotionCode) params.OrderPromoCode = promotionCode;
  return params;
}

function assertConversion(plan: ConversionPlan | { kind: "skipped"; reason: string }): ConversionPlan {
  if (plan.kind !== "conversion") throw new MappingError("not_a_conversion", plan.reason);
  return plan;
}

function assertLineItem(item: ConversionLineItem, index: number): void {
  const where = `checkout line item ${index + 1}`;
  if (!item.productId) throw new MappingError("malformed_payload", `${where}: productId is empty`);
  if (!isPositiveInteger(item.quantity)) {
    throw new MappingError("malformed_payload", `${where}: quantity must be a positive integer, got ${item.quantity}`);
  }
  if (!Number.isSafeInteger(item.amountTotal) || item.amountTotal < 0) {
    throw new MappingError(
      "malformed_payload",
      `${where}: amountTotal must be whole minor units ≥ 0, got ${item.amountTotal}`,
    );
  }
}

function isPositiveInteger(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}
