import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { ACTIVE_DELIVERY_STATUSES } from "@/lib/server/deliveries/active-statuses";

/** Long enough for the slowest attempt (Stripe reads with retries, then impact.com's timeout). */
export const LEASE_MS = 5 * 60_000;

/**
 * Takes the lease of one delivery for an attempt, or returns null when another worker holds it
 * or it is already final. Only the lease holder may record the outcome (see recordAttemptOutcome).
 */
export async function claimDelivery(deliveryId: string): Promise<string | null> {
  const leaseToken = randomUUID();
  const claimed = await prisma.delivery.updateMany({
    where: {
      id: deliveryId,
      status: { in: ACTIVE_DELIVERY_STATUSES },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }],
    },
    data: { leaseToken, leaseUntil: new Date(Date.now() + LEASE_MS) },
  });
  return claimed.count === 1 ? leaseToken : null;
}
