// A local HTTP server standing where Inngest's event API would be: the real SDK sends to it
// (INNGEST_BASE_URL) and the test reads what arrived. Call at the top level of a test file,
// before anything creates the Inngest client.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

export type SentInngestEvent = { name: string; id?: string; data: Record<string, unknown> };
export type ReceivedBatch = { path: string; events: SentInngestEvent[] };

export function useFakeInngestEventApi() {
  const batches: ReceivedBatch[] = [];
  let server: Server | undefined;
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        batches.push({ path: request.url ?? "", events: JSON.parse(body) as SentInngestEvent[] });
        response.writeHead(200, { "content-type": "application/json" }).end('{"ids":[],"status":200}');
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    process.env.INNGEST_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.INNGEST_EVENT_KEY = "test-event-key";
  });
  afterAll(() => new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve())));
  return {
    batches,
    events: () => batches.flatMap((batch) => batch.events),
    /** Stops answering, as when Inngest is unreachable. */
    stop: () => new Promise<void>((resolve) => server!.close(() => resolve())),
  };
}
