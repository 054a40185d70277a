import { prisma } from "@/lib/db";
import { raiseAttemptAlerts } from "@/lib/server/alerts/record-attempt-alerts";

/**
 * Final state for a delivery its runner gave up on outside attemptDelivery (Inngest ran out of
 * retries, a refund waited too long): the log must say "exhausted" with why, never stay "retrying"
 * forever. Leaves deliveries that already reached a final state alone.
 */
export async function markDeliveryExhausted(deliveryId: string, reason: string, generation?: number): Promise<boolean> {
  const exhausted = await prisma.$transaction(async (tx) => {
    const updated = await tx.delivery.updateManyAndReturn({
      where: {
        id: deliveryId,
        status: { in: ["pending", "retrying"] },
        ...(generation === undefined ? {} : { generation }),
      },
      data: { status: "exhausted", dueAt: null, leaseToken: null, leaseUntil: null, lastError: reason },
      select: { stripeEventId: true, integrationId: true, orderId: true },
    });
    if (!updated[0]) return null;
    await tx.stripeEvent.update({ where: { id: updated[0].stripeEventId }, data: { outcome: "exhausted" } });
    return updated[0];
  });
  if (!exhausted) return false;
  await raiseAttemptAlerts(exhausted.integrationId, { status: "exhausted", orderId: exhausted.orderId, reason });
  return true;
}
