import { expect, it, vi } from "vitest";
import { inngestRunner } from "./inngest-runner";

const send = vi.hoisted(() => vi.fn(async (_events: unknown[]) => ({ ids: [] })));
vi.mock("@/inngest/client", () => ({ inngest: { send } }));

it("derives event ids from the delivery and its replay generation: a replay is a new run, a resend is not", async () => {
  const dueAt = new Date();
  await inngestRunner.enqueue([
    { id: "d1", kind: "conversion", dueAt },
    { id: "d2", kind: "modification", dueAt, generation: 3 },
  ]);
  expect(send).toHaveBeenCalledWith([
    expect.objectContaining({ name: "delivery/conversion.requested", id: "delivery-d1-0", data: { deliveryId: "d1" } }),
    expect.objectContaining({ name: "delivery/refund.requested", id: "delivery-d2-3", data: { deliveryId: "d2" } }),
  ]);
});
