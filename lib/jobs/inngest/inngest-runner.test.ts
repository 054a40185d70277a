// The hand-off to Inngest through the real SDK, against a local stand-in for Inngest's event API.
import { expect, it } from "vitest";
import { useFakeInngestEventApi } from "@/testing/fakes/fake-inngest-event-api";

const inngestApi = useFakeInngestEventApi();

it("derives event ids from the delivery and its replay generation: a replay is a new run, a resend is not", async () => {
  const { inngestRunner } = await import("@/lib/jobs/inngest/inngest-runner");
  const dueAt = new Date();
  await inngestRunner.enqueue([
    { id: "d1", kind: "conversion", dueAt },
    { id: "d2", kind: "modification", dueAt, generation: 3 },
  ]);
  expect(inngestApi.batches).toHaveLength(1);
  expect(inngestApi.batches[0]!.path).toBe("/e/test-event-key");
  expect(inngestApi.events()).toEqual([
    expect.objectContaining({
      name: "delivery/conversion.requested",
      id: "delivery-d1-0",
      data: { deliveryId: "d1", generation: 0 },
    }),
    expect.objectContaining({
      name: "delivery/refund.requested",
      id: "delivery-d2-3",
      // A change carries when its REFUND_DELAY ends, so a replay's run does not wait it again.
      data: { deliveryId: "d2", generation: 3, notBefore: dueAt.toISOString() },
    }),
  ]);
});

it("never fails intake when Inngest cannot be reached: the deliveries stay pending in the database", async () => {
  const { inngestRunner } = await import("@/lib/jobs/inngest/inngest-runner");
  await inngestApi.stop();
  await expect(inngestRunner.enqueue([{ id: "d3", kind: "conversion", dueAt: new Date() }])).resolves.toBeUndefined();
});
