import http from "node:http";
import type { AddressInfo } from "node:net";

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

export interface StartHttpServerOptions {
  /** 0 (the default) picks a free port, which is what parallel test files want. */
  port?: number;
  host?: string;
  /** Answers a request whose handler threw; the server itself must keep running. */
  onUnhandledError: (res: http.ServerResponse, error: unknown) => void;
}

export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Stops listening (connections are refused) but keeps the port so `resume` can listen on it again. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Closes every open connection, including requests the fake is deliberately leaving unanswered. */
  close(): Promise<void>;
}

/** Starts a plain node:http server for a fake and resolves once it is listening. */
export async function startHttpServer(
  handler: RequestHandler,
  options: StartHttpServerOptions,
): Promise<RunningHttpServer> {
  const host = options.host ?? "127.0.0.1";
  const server = http.createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      try {
        options.onUnhandledError(res, error);
      } catch {
        res.destroy();
      }
    });
  });
  // A client that vanishes mid-request must not take the process down.
  server.on("clientError", (_error, socket) => socket.destroy());

  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  let listening = true;
  let closed = false;

  const stopListening = async (): Promise<void> => {
    if (!listening) return;
    listening = false;
    const done = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await done;
  };

  return {
    url: `http://${host}:${port}`,
    port,
    host,
    pause: stopListening,
    async resume() {
      if (listening || closed) return;
      await listen(server, port, host);
      listening = true;
    },
    async close() {
      closed = true;
      await stopListening();
    },
  };
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}
