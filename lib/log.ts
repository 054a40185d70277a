// Structured JSON logs (SPEC §12): one pino logger per process, a child per request carrying its
// x-request-id, and two layers of redaction so that no secret is ever written — by field name at any depth
// (authorization, cookie, password, secret, token, api key, signature), and by shape in the finished line
// (Stripe keys, webhook signing secrets, bearer and basic credentials), which also covers messages.
import { randomUUID } from "node:crypto";
import pino, { type DestinationStream, type Level, type Logger, type LoggerOptions } from "pino";
import { getEnv } from "@/lib/env";

export type { Logger } from "pino";

export const REDACTED = "[redacted]";

/** Field names whose values are secrets wherever they appear (headers, Prisma rows, options objects). */
const SECRET_KEY = /authorization|cookie|passw(or)?d|secret|token|api[-_]?key|signature|credential|private[-_]?key/i;
/** Secret-shaped text anywhere in a line: Stripe keys, signing secrets, HTTP credentials. */
const SECRET_TEXT = [
  /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]+/g,
  /\bwhsec_[A-Za-z0-9]+/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi,
];
const MAX_DEPTH = 8;

export function redactText(text: string): string {
  return SECRET_TEXT.reduce(
    (scrubbed, pattern) =>
      scrubbed.replace(pattern, (_match, scheme?: string) =>
        typeof scheme === "string" && /^(bearer|basic)$/i.test(scheme) ? `${scheme} ${REDACTED}` : REDACTED,
      ),
    text,
  );
}

/** A copy with secret-named fields replaced; errors become plain objects pino's serializer passes through. */
export function redactFields(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (value instanceof Error) {
    const { name, message, stack } = value;
    const own = redactFields({ ...value }, depth + 1) as Record<string, unknown>;
    const cause = "cause" in value && value.cause !== undefined ? redactFields(value.cause, depth + 1) : undefined;
    return { ...own, type: name, message, stack, ...(cause === undefined ? {} : { cause }) };
  }
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => redactFields(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? REDACTED : redactFields(item, depth + 1)]),
  );
}

/** A logger writing JSON lines to `destination` (stdout by default); tests pass a stream of their own. */
export function createLogger(destination?: DestinationStream, level: Level | "silent" = "info"): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: "portal" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactFields(object) as Record<string, unknown>,
      bindings: (bindings) => redactFields(bindings) as Record<string, unknown>,
    },
    // redactFields already turned errors into plain objects (type, message, stack, own fields, cause).
    serializers: { err: (value: unknown) => value },
    hooks: { streamWrite: redactText },
  };
  return destination ? pino(options, destination) : pino(options);
}

// One logger per process, even when Next evaluates this module more than once.
const globalForLog = globalThis as unknown as { portalLogger?: Logger };

/** The process logger; silent under Vitest, whose output would drown in JSON lines otherwise. */
export function getLogger(): Logger {
  globalForLog.portalLogger ??= createLogger(undefined, getEnv().NODE_ENV === "test" ? "silent" : "info");
  return globalForLog.portalLogger;
}

/** Ids a client or proxy may hand us: short and plain, so they cannot forge log fields or headers. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The child logger of one request and its id, to answer with as `x-request-id`. */
export function requestLogger(request: Request, route: string): { log: Logger; requestId: string } {
  const requestId = requestIdOf(request);
  return { log: getLogger().child({ requestId, route }), requestId };
}
