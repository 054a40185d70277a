import { prisma } from "@/lib/db";

/** Everything one attempt needs, in one query: the delivery, its event's payload, the integration and the account SID. */
export async function loadDeliveryWork(deliveryId: string) {
  return prisma.delivery.findUnique({
    where: { id: deliveryId },
    select: {
      id: true,
      kind: true,
      status: true,
      orderId: true,
      eventTypeId: true,
      attemptCount: true,
      generation: true,
      queuedUri: true,
      subscriptionId: true,
      sentAt: true,
      outcomeReads: true,
      integrationId: true,
      stripeEvent: { select: { stripeEventId: true, stripeCreatedAt: true, payload: true } },
      integration: {
        select: {
          programId: true,
          eventTypeId: true,
          recurringEventTypeId: true,
          clickIdFromClientReference: true,
          impactAuthTokenEncrypted: true,
          stripeApiKeyEncrypted: true,
          account: { select: { impactSid: true } },
        },
      },
    },
  });
}

export type DeliveryWork = NonNullable<Awaited<ReturnType<typeof loadDeliveryWork>>>;
