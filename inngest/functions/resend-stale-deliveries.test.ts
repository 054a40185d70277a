// The sweeper through @inngest/test against the real database; the hand-over goes through the real
// SDK to a local HTTP server standing where Inngest's event API would be.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildEvent, buildPaidInvoice } from "@/e2e/fakes/stripe-builders";
import { prisma } from "@/lib/db";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { createTestIntegration } from "@/lib/testing/factories";

const sent: Array<{ id?: string; data: { deliveryId: string } }> = [];
let server: Server;
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      sent.push(...(JSON.parse(body) as typeof sent));
      response.writeHead(200, { "content-type": "application/json" }).end('{"ids":[],"status":200}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.INNGEST_EVENT_KEY = "test-event-key";
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("hands over overdue, unleased deliveries again with their own event ids, and nothing else", async () => {
  const { resendStaleDeliveries } = await import("./resend-stale-deliveries");
  const { integration } = await createTestIntegration();
  const store = async () => (await storeStripeEvent(integration, buildEvent("invoice.paid", buildPaidInvoice({ billingReason: "subscription_create" })), "webhook")).deliveries[0]!.id;
  const [lost, fresh, leased] = [await store(), await store(), await store()];
  const longAgo = new Date(Date.now() - 30 * 60_000);
  await prisma.delivery.updateMany({ where: { id: { in: [lost, leased] } }, data: { dueAt: longAgo } });
  await prisma.delivery.update({ where: { id: leased }, data: { leaseUntil: new Date(Date.now() + 60_000), leaseToken: "busy" } });

  const { result } = await new InngestTestEngine({ function: resendStaleDeliveries }).execute();

  expect(result).toEqual({ handedOver: 1 });
  expect(sent).toEqual([expect.objectContaining({ id: `delivery-${lost}-0`, data: { deliveryId: lost, generation: 0 } })]);
  expect(sent.map((event) => event.data.deliveryId)).not.toContain(fresh);
});
