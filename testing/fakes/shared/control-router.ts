import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, readBody } from "@/testing/fakes/shared/read-body";
import { sendJson } from "@/testing/fakes/shared/send";

/** Every control endpoint lives under this prefix, away from the emulated API's paths. */
export const CONTROL_PREFIX = "/_fake";

export interface ControlRequest {
  method: string;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when empty). */
  body: unknown;
  pathParams: Record<string, string>;
}

export interface ControlRoute {
  method: "GET" | "POST" | "DELETE" | "PUT";
  /** Matched against the path after `/_fake`. */
  pattern: RegExp;
  handle(req: ControlRequest): unknown | Promise<unknown>;
}

/**
 * A control answer with work to run once the answer is on the wire, for actions that would cut the
 * control connection itself (refusing connections).
 */
export class AfterResponse {
  constructor(
    readonly body: unknown,
    readonly run: () => Promise<void> | void,
  ) {}
}

/** Thrown by control handlers for caller mistakes; answered as 400 (everything else is a 500). */
export class ControlInputError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Serves `/_fake/...` JSON control requests; an `Error` thrown by a handler becomes a 400 with its message. */
export async function handleControlRequest(
  routes: ControlRoute[],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const subPath = url.pathname.slice(CONTROL_PREFIX.length) || "/";
  let body: unknown;
  try {
    const text = await readBody(req);
    body = text.trim() === "" ? undefined : JSON.parse(text);
  } catch (error) {
    const message = error instanceof BodyTooLargeError ? error.message : "Control request bodies must be JSON";
    return sendJson(res, 400, { error: { message } });
  }
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(subPath);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    try {
      const pathParams = Object.fromEntries(
        Object.entries(match.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]),
      );
      const result = await route.handle({ method, query: url.searchParams, body, pathParams });
      if (result instanceof AfterResponse) {
        res.once("finish", () => void Promise.resolve(result.run()).catch(() => undefined));
        return sendJson(res, 200, result.body ?? { ok: true });
      }
      return sendJson(res, 200, result ?? { ok: true });
    } catch (error) {
      // Control callers are tests: a bad seed should read as their mistake, with the reason.
      const status = error instanceof ControlInputError ? error.status : 400;
      const message = error instanceof Error ? error.message : String(error);
      return sendJson(res, status, { error: { message } });
    }
  }
  sendJson(res, pathMatched ? 405 : 404, { error: { message: `No control endpoint ${method} ${url.pathname}` } });
}

export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ControlInputError("Expected a JSON object body");
  }
  return body as Record<string, unknown>;
}
