// The portal's webhook route on a real port, inside a Vitest process: for tests in which the fake Stripe
// itself posts events (the demo stream), so they travel as Stripe's do — over HTTP, signed, to
// `{PUBLIC_URL}/api/webhooks/stripe/{integrationId}` — and meet the route handler the portal serves.
import http from "node:http";
import type { AddressInfo } from "node:net";

const ROUTE = /^\/api\/webhooks\/stripe\/(?<integrationId>[^/]+)$/;

export type WebhookIntakeServer = { readonly url: string; close(): Promise<void> };

/**
 * Starts the server; the route module is imported at the first request, so a file can start this before
 * it sets the environment the route reads (getEnv() caches on first use).
 */
export async function startWebhookIntakeServer(): Promise<WebhookIntakeServer> {
  const server = http.createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(`intake harness: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const integrationId = ROUTE.exec(url.pathname)?.groups?.integrationId;
  if (req.method !== "POST" || !integrationId) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const { POST } = await import("@/app/api/webhooks/stripe/[integrationId]/route");
  const response = await POST(new Request(url, { method: "POST", headers, body: Buffer.concat(chunks) }), {
    params: Promise.resolve({ integrationId: decodeURIComponent(integrationId) }),
  });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
