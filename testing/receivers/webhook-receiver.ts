// A local HTTP receiver standing where a Slack incoming webhook would be: it records each request and
// answers what the test asks (200 by default, an error, or a redirect that must not be followed).
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { method: string; path: string; headers: IncomingHttpHeaders; body: string };

export type WebhookReceiver = {
  /** A Slack-shaped URL on this receiver (the path is the secret part of a real one). */
  url: string;
  port: number;
  requests: ReceivedWebhook[];
  answerWith(status: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  let answer = { status: 200, headers: {} as Record<string, string> };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.writeHead(answer.status, answer.headers);
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T0000/B0000/webhook-path-secret`,
    port,
    requests,
    answerWith: (status, headers = {}) => {
      answer = { status, headers };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
