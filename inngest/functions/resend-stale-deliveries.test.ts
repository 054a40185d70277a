// The sweeper through @inngest/test against the real database; the hand-over goes through the real
// SDK to a local HTTP server standing where Inngest's event API would be.
import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { createTestIntegration } from "@/testing/db/factories";
import { useFakeInngestEventApi } from "@/testing/fakes/fake-inngest-event-api";
import { buildEvent, buildPaidInvoice } from "@/testing/stripe/builders";

const inngestApi = useFakeInngestEventApi();

it("hands over overdue, unleased deliveries again with their own event ids, and nothing else", async () => {
  const { resendStaleDeliveries } = await import("@/inngest/functions/resend-stale-deliveries");
  const { integration } = await createTestIntegration();
  const store = async () =>
    (
      await storeStripeEvent(
        integration,
        buildEvent("invoice.paid", buildPaidInvoice({ billingReason: "subscription_create" })),
        "webhook",
      )
    ).deliveries[0]!.id;
  const [lost, fresh, leased] = [await store(), await store(), await store()];
  const longAgo = new Date(Date.now() - 30 * 60_000);
  await prisma.delivery.updateMany({ where: { id: { in: [lost, leased] } }, data: { dueAt: longAgo } });
  await prisma.delivery.update({
    where: { id: leased },
    data: { leaseUntil: new Date(Date.now() + 60_000), leaseToken: "busy" },
  });

  const { result } = await new InngestTestEngine({ function: resendStaleDeliveries }).execute();

  expect(result).toEqual({ handedOver: 1 });
  expect(inngestApi.events()).toEqual([
    expect.objectContaining({ id: `delivery-${lost}-0`, data: { deliveryId: lost, generation: 0 } }),
  ]);
  expect(inngestApi.events().map((event) => event.data.deliveryId)).not.toContain(fresh);
});
