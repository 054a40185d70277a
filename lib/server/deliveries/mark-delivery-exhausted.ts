import { prisma } from "@/lib/db";

/**
 * Final state for a delivery its runner gave up on outside attemptDelivery (Inngest ran out of
 * retries, a refund waited too long): the log must say "exhausted" with why, never stay "retrying"
 * forever. Leaves deliveries that already reached a final state alone.
 */
export async function markDeliveryExhausted(deliveryId: string, reason: string): Promise<boolean> {
  const updated = await prisma.delivery.updateMany({
    where: { id: deliveryId, status: { in: ["pending", "retrying"] } },
    data: { status: "exhausted", dueAt: null, leaseToken: null, leaseUntil: null, lastError: reason },
  });
  return updated.count === 1;
}
