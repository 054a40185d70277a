// The hand-off to Inngest through the real SDK, against a local HTTP server standing where
// Inngest's event API would be (INNGEST_BASE_URL), recording what the SDK sends.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";

type SentEvent = { name: string; id?: string; data: Record<string, unknown> };
const received: Array<{ path: string; events: SentEvent[] }> = [];
let server: Server;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", events: JSON.parse(body) as SentEvent[] });
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: [], status: 200 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.INNGEST_EVENT_KEY = "test-event-key";
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("derives event ids from the delivery and its replay generation: a replay is a new run, a resend is not", async () => {
  const { inngestRunner } = await import("./inngest-runner");
  const dueAt = new Date();
  await inngestRunner.enqueue([
    { id: "d1", kind: "conversion", dueAt },
    { id: "d2", kind: "modification", dueAt, generation: 3 },
  ]);
  expect(received).toHaveLength(1);
  expect(received[0]!.path).toBe("/e/test-event-key");
  expect(received[0]!.events).toEqual([
    expect.objectContaining({ name: "delivery/conversion.requested", id: "delivery-d1-0", data: { deliveryId: "d1", generation: 0 } }),
    expect.objectContaining({ name: "delivery/refund.requested", id: "delivery-d2-3", data: { deliveryId: "d2", generation: 3 } }),
  ]);
});

it("never fails intake when Inngest cannot be reached: the deliveries stay pending in the database", async () => {
  const { inngestRunner } = await import("./inngest-runner");
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await expect(inngestRunner.enqueue([{ id: "d3", kind: "conversion", dueAt: new Date() }])).resolves.toBeUndefined();
  server.listen(0, "127.0.0.1");
});
