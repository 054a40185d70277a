// Turns a delivery into the exact impact.com request, reading from Stripe what
// the payload lacks. Decides too when there is nothing to send (skip) or not yet (wait).
import type Stripe from "stripe";
import { decryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import type { ImpactRequest } from "@/lib/impact/send-impact-request";
import { buildConversion } from "@/lib/mapping/build-conversion";
import { buildRefund } from "@/lib/mapping/build-refund";
import { MappingError } from "@/lib/mapping/mapping-error";
import type { DeliveryWork } from "@/lib/server/deliveries/load-delivery-work";
import { findRefundedOrder } from "@/lib/stripe/find-refunded-order";
import { readConversionContext } from "@/lib/stripe/read-conversion-context";
import { createStripeClient } from "@/lib/stripe/stripe-client";

export type SentFacts = {
  orderId: string;
  eventTypeId: string;
  /** For invoices: the subscription and the rule that chose the event type (SPEC §7). */
  subscriptionId?: string;
  eventTypeRule?: string;
  amount?: string;
  currency?: string;
  clickIdSource?: string | null;
};

export type Preparation =
  | { kind: "send"; request: ImpactRequest; facts: SentFacts }
  | { kind: "skip"; reason: string; facts?: Partial<SentFacts> }
  | { kind: "wait"; until: Date; reason: string; facts?: Partial<SentFacts> }
  | { kind: "reject"; reason: string };

type EventPayload = { data: { object: Record<string, unknown> } };

async function prepareConversion(work: DeliveryWork, stripe: Stripe): Promise<Preparation> {
  const object = (work.stripeEvent.payload as EventPayload).data.object as unknown as
    | Stripe.Invoice
    | Stripe.Checkout.Session;
  const lookups = await readConversionContext(stripe, object, {
    integration: work.integration,
    recordedFirstOrderId: await findRecordedFirstConversion(work),
  });
  const conversion = buildConversion(object, {
    ...lookups,
    integration: work.integration,
    eventCreated: Math.floor(work.stripeEvent.stripeCreatedAt.getTime() / 1000),
  });
  return {
    kind: "send",
    request: { method: "POST", resource: "Conversions", params: conversion.params },
    facts: {
      orderId: conversion.orderId,
      eventTypeId: conversion.eventTypeId,
      amount: String(conversion.amountMinor),
      currency: conversion.currency,
      clickIdSource: conversion.clickIdSource,
      subscriptionId: conversion.subscriptionId,
      eventTypeRule: conversion.eventTypeRule,
    },
  };
}

/**
 * The portal's own record may answer "first or recurring" only when it is conclusive: another invoice of
 * the subscription was already chosen as its first paid one. Anything less (nothing recorded, only
 * renewals seen) proves nothing — an integration is often newer than its subscriptions — and Stripe is asked.
 */
async function findRecordedFirstConversion(work: DeliveryWork): Promise<string | null> {
  if (!work.subscriptionId || !work.orderId) return null;
  const first = await prisma.delivery.findFirst({
    where: {
      integrationId: work.integrationId,
      subscriptionId: work.subscriptionId,
      kind: "conversion",
      orderId: { not: work.orderId },
      eventTypeRule: { startsWith: "first paid invoice" },
      status: { not: "skipped" },
    },
    select: { orderId: true },
  });
  return first?.orderId ?? null;
}

/** The charge a change is about: the refunded charge itself, or the charge a lost dispute took money from. */
function chargeIdOf(object: Record<string, unknown>): string {
  if (object.object !== "dispute") return String(object.id);
  const charge = object.charge as string | { id: string };
  return typeof charge === "string" ? charge : charge.id;
}

/** Money lost disputes took back from the charge, minor units: it counts as refunded (SPEC §7). */
async function lostDisputeAmount(stripe: Stripe, chargeId: string): Promise<number> {
  let lost = 0;
  for await (const dispute of stripe.disputes.list({ charge: chargeId, limit: 100 })) {
    if (dispute.status === "lost") lost += dispute.amount;
  }
  return lost;
}

async function prepareRefund(work: DeliveryWork, stripe: Stripe): Promise<Preparation> {
  const chargeId = chargeIdOf((work.stripeEvent.payload as EventPayload).data.object);
  // Re-read: during the delay the refund may have grown, failed or been cancelled, a dispute been lost.
  const [charge, lostToDisputes] = await Promise.all([
    stripe.charges.retrieve(chargeId),
    lostDisputeAmount(stripe, chargeId),
  ]);
  const paymentIntentId = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
  if (!paymentIntentId) return { kind: "skip", reason: "charge has no payment_intent: no conversion was sent for it" };
  const { orderId } = await findRefundedOrder(stripe, paymentIntentId);
  const original = await prisma.delivery.findFirst({
    where: { integrationId: work.integrationId, kind: "conversion", orderId, status: { not: "skipped" } },
    orderBy: { createdAt: "desc" },
    select: { status: true, eventTypeId: true, amount: true, currency: true, dueAt: true, lastError: true },
  });
  const skippedOriginal = original
    ? undefined
    : await prisma.delivery.findFirst({
        where: { integrationId: work.integrationId, kind: "conversion", orderId },
        select: { skipReason: true },
      });
  if (!original) {
    const reason = skippedOriginal
      ? `the original conversion ${orderId} was skipped (${skippedOriginal.skipReason}), so there is nothing to modify`
      : `no conversion was recorded for order ${orderId}, so there is nothing to modify`;
    return { kind: "skip", reason, facts: { orderId } };
  }
  const unsendable = unmodifiableReason(original, orderId);
  if (unsendable) return { kind: "skip", reason: unsendable, facts: { orderId } };
  if (original.status !== "delivered") {
    // impact.com can modify only an action it has processed (SPEC §6a): wait for the conversion's
    // confirmation — its retries, its outcome reads, or a person resolving an unknown outcome.
    const floor = original.status === "unknown" ? 15 * 60_000 : 5_000;
    const until = new Date(Math.max(Date.now() + floor, (original.dueAt?.getTime() ?? 0) + 5_000));
    return {
      kind: "wait",
      until,
      reason: `waiting for impact.com to confirm the original conversion ${orderId} (${original.status})`,
      facts: { orderId },
    };
  }
  if (!original.eventTypeId || !original.amount || !original.currency) {
    return { kind: "reject", reason: `the original conversion ${orderId} has no recorded amount` };
  }
  const refund = buildRefund(
    { eventTypeId: original.eventTypeId, orderId, amountMinor: Number(original.amount), currency: original.currency },
    { amount: charge.amount, amount_refunded: Math.min(charge.amount, charge.amount_refunded + lostToDisputes) },
  );
  return {
    kind: "send",
    request: { method: "PUT", resource: "Actions", params: refund.params },
    facts: {
      orderId,
      eventTypeId: original.eventTypeId,
      amount: String(refund.amountMinor),
      currency: original.currency,
    },
  };
}

/** Why a change to the original conversion can never be sent, or null while it still may be. */
function unmodifiableReason(original: { status: string; lastError: string | null }, orderId: string): string | null {
  if (original.status === "rejected")
    return `the original conversion ${orderId} was rejected by impact.com (${original.lastError ?? "no reason given"}), so there is no action to modify`;
  if (original.status === "exhausted")
    return `the original conversion ${orderId} was never delivered (${original.lastError ?? "exhausted"})`;
  return null;
}

/** Throws Stripe/network errors for the caller to retry; mapping problems come back as skip or reject. */
export async function prepareImpactRequest(work: DeliveryWork): Promise<Preparation> {
  const stripe = createStripeClient(
    decryptSecret(
      work.integration.stripeApiKeyEncrypted,
      integrationSecret(work.integrationId, "stripeApiKeyEncrypted"),
    ),
  );
  try {
    return work.kind === "conversion" ? await prepareConversion(work, stripe) : await prepareRefund(work, stripe);
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    if (error.code === "not_a_conversion") return { kind: "skip", reason: error.message };
    return { kind: "reject", reason: `cannot map the Stripe object: ${error.message}` };
  }
}
