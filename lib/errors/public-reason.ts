// What a tenant may read about a failure: a classified reason and a reference id. The raw error (Prisma
// text, internal hostnames and addresses, stack traces) goes to the server log under the same reference,
// so support can find it from what the brand sees.
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { isAppError } from "@/lib/errors/app-error";
import { getLogger } from "@/lib/log";
import { permissionNamedIn } from "@/lib/stripe/stripe-errors";

export type PublicFailure = {
  /** `${doing} failed: ${reason} — reference ${reference}`, safe to store and show to the brand. */
  message: string;
  reason: string;
  reference: string;
};

/** Stripe's own messages are written for its users; still, keep a stored reason short. */
const MAX_STRIPE_MESSAGE = 300;

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

function stripeMessage(error: Stripe.errors.StripeError): string {
  const firstLine = (error.message ?? "").split("\n")[0]!.trim();
  return firstLine.length > MAX_STRIPE_MESSAGE ? `${firstLine.slice(0, MAX_STRIPE_MESSAGE)}…` : firstLine;
}

function stripeReason(error: Stripe.errors.StripeError): string {
  const status = error.statusCode;
  if (error instanceof Stripe.errors.StripeConnectionError) return "Stripe could not be reached (network error)";
  if (error instanceof Stripe.errors.StripeAuthenticationError || status === 401)
    return "Stripe rejected the API key (401): copy the key again from the Stripe Dashboard";
  if (error instanceof Stripe.errors.StripePermissionError || status === 403) {
    const permission = permissionNamedIn(error.message ?? "");
    return permission
      ? `the restricted API key lacks the Stripe permission ${permission} (403)`
      : "the restricted API key lacks a permission Stripe requires (403)";
  }
  if (error instanceof Stripe.errors.StripeRateLimitError || status === 429)
    return "Stripe is rate limiting requests (429)";
  if (error instanceof Stripe.errors.StripeAPIError || (status !== undefined && status >= 500))
    return `Stripe had an internal error${status ? ` (${status})` : ""}`;
  // A Stripe API answer (400, 404 resource_missing, …): its message is Stripe's own, meant for its users.
  if (status !== undefined) {
    const message = stripeMessage(error);
    const what =
      status === 404 || error.code === "resource_missing"
        ? "Stripe no longer has the object"
        : "Stripe refused the request";
    return message ? `${what} (${status}): ${message}` : `${what} (${status})`;
  }
  // An SDK-side failure without an answer from Stripe: its text may describe our own network.
  return "Stripe could not be read (client error)";
}

function isPrismaError(error: Error): boolean {
  return error.name.startsWith("Prisma") || /^P\d{4}$/.test(String((error as { code?: unknown }).code ?? ""));
}

function causeCode(error: Error): string | undefined {
  const own = (error as { code?: unknown }).code;
  if (typeof own === "string") return own;
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? causeCode(cause) : undefined;
}

/** The classified reason alone, never the error's own text unless it was written for people. */
export function classifyError(error: unknown): string {
  if (isAppError(error)) return error.message; // written for people (see lib/errors/app-error)
  if (error instanceof Stripe.errors.StripeError) return stripeReason(error);
  if (error instanceof Error) {
    if (isPrismaError(error)) return "the portal's database did not answer";
    if (error.name === "AbortError" || error.name === "TimeoutError") return "the request timed out";
    const code = causeCode(error);
    if (code && NETWORK_CODES.has(code)) return `a network error (${code})`;
  }
  return "an internal error";
}

/** A short id to quote to support; it is in the server log line with the raw error. */
export function newErrorReference(): string {
  return randomBytes(5).toString("hex");
}

/**
 * Classifies `error` for the tenant and logs the raw error with the reference. `doing` completes
 * "… failed" ("reading from Stripe"), `context` names the log line's source.
 */
export function publicFailureOf(error: unknown, doing: string, context: string): PublicFailure {
  const reason = classifyError(error);
  const reference = newErrorReference();
  getLogger().error({ component: context, doing, reference, reason, err: error }, `${doing} failed`);
  return { message: `${doing} failed: ${reason} — reference ${reference}`, reason, reference };
}
