import { eventType } from "inngest";
import { z } from "zod";

// `generation` tells a replayed run from the run it replaced (see settleFailedRun).
const DeliveryRefSchema = z.object({
  deliveryId: z.string().min(1),
  generation: z.number().int().min(0).optional(),
  /** A change's REFUND_DELAY ends here (ISO time): a replay after it has passed does not wait again. */
  notBefore: z.iso.datetime().optional(),
});

/** A conversion delivery is ready to be sent. */
export const conversionRequested = eventType("delivery/conversion.requested", { schema: DeliveryRefSchema });

/** A refund was stored; the function waits REFUND_DELAY before modifying the action. */
export const refundRequested = eventType("delivery/refund.requested", { schema: DeliveryRefSchema });

/**
 * Event ids derive from the delivery (and a replay generation), so Inngest drops a second send of
 * the same hand-off: a retried intake or a double click cannot start two runs.
 */
export const deliveryEventId = (deliveryId: string, generation = 0) => `delivery-${deliveryId}-${generation}`;

/** A reward credit is ready to be tried (SPEC §11): credit on Stripe, then mark it redeemed in Advocate. */
export const rewardCreditRequested = eventType("reward/credit.requested", {
  schema: z.object({ rewardCreditId: z.string().min(1), generation: z.number().int().min(0).optional() }),
});

/** Like deliveries: one run per credit and generation, so a resent hand-off starts nothing twice. */
export const rewardCreditEventId = (rewardCreditId: string, generation = 0) =>
  `reward-credit-${rewardCreditId}-${generation}`;
