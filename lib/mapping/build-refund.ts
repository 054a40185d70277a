import type Stripe from "stripe";
import { MappingError } from "@/lib/mapping/mapping-error";
import { formatMinorUnits, scaleAmount } from "@/lib/mapping/money";

/** What the portal recorded about the conversion it sent (see `ConversionRequest`). */
export interface SentConversion {
  /** The event type the conversion used; impact.com calls it the ActionTrackerId. */
  eventTypeId: string;
  orderId: string;
  amountMinor: number;
  currency: string;
}

export interface RefundRequest {
  /** Form parameters for `PUT /Advertisers/{SID}/Actions`. */
  params: { ActionTrackerId: string; OrderId: string; Amount: string; Reason: "OTHER" };
  /** The remaining amount sent, minor units. */
  amountMinor: number;
}

/**
 * The Actions modification for a refunded charge, from the charge as re-read after the refund delay.
 * Amount is what remains of the sent amount in proportion to what remains of the charge (half-up to the
 * minor unit; 0 reverses the action). `amount_refunded` is cumulative, so each call sends the current
 * remaining amount and repeated partial refunds converge instead of subtracting twice.
 */
export function buildRefund(
  conversion: SentConversion,
  charge: Pick<Stripe.Charge, "amount" | "amount_refunded">,
): RefundRequest {
  let amountMinor: number;
  let amount: string;
  try {
    amountMinor = scaleAmount(conversion.amountMinor, charge.amount, charge.amount_refunded);
    amount = formatMinorUnits(amountMinor, conversion.currency);
  } catch (error) {
    if (error instanceof RangeError)
      throw new MappingError("malformed_payload", `refund of ${conversion.orderId}: ${error.message}`);
    throw error;
  }
  return {
    params: { ActionTrackerId: conversion.eventTypeId, OrderId: conversion.orderId, Amount: amount, Reason: "OTHER" },
    amountMinor,
  };
}
