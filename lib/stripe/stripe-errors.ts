// What Stripe said, turned into what the brand can act on. The integration form
// shows these next to the API Key field (or above the form when Stripe is down).
import Stripe from "stripe";
import { AppError } from "@/lib/errors/app-error";

/** The form field a key problem belongs to (see INTEGRATION_FIELDS). */
const API_KEY_FIELD = "apiKey";

/**
 * Stripe's 403 names the permission a restricted key lacks, e.g. "Having the
 * 'rak_webhook_write' permission would allow this request to continue."
 */
export function permissionNamedIn(message: string): string | undefined {
  return /Having the '([^']+)' permission/i.exec(message)?.[1] ?? /'(rak_[a-z0-9_]+)'/i.exec(message)?.[1];
}

export const isStripeNotFound = (error: unknown): boolean =>
  error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404;

export const isStripeKeyRejected = (error: unknown): boolean =>
  error instanceof Stripe.errors.StripeAuthenticationError;

/** Stripe answered 401 (the key is invalid or rolled) or 403 (a restricted key lacks a permission). */
export const isStripeKeyRefused = (error: unknown): boolean =>
  isStripeKeyRejected(error) || error instanceof Stripe.errors.StripePermissionError;

/**
 * Maps a Stripe SDK error to an AppError; `doing` completes "Stripe failed while …"
 * for the errors that are not the key's fault. Anything unrecognised is returned as is.
 */
export function toStripeAppError(error: unknown, doing: string): unknown {
  if (error instanceof Stripe.errors.StripeAuthenticationError) {
    return new AppError(
      "UPSTREAM_REJECTED",
      "Stripe says this is an invalid API key. Copy the secret or restricted key again from the Stripe Dashboard (Developers → API keys).",
      API_KEY_FIELD,
    );
  }
  if (error instanceof Stripe.errors.StripePermissionError) {
    const permission = permissionNamedIn(error.message);
    const message = permission
      ? `This restricted key lacks permission ${permission}. Grant it to the key in the Stripe Dashboard (Developers → API keys), or use a secret key.`
      : `This restricted key lacks a permission Stripe requires for ${doing}: ${error.message}`;
    return new AppError("FORBIDDEN", message, API_KEY_FIELD);
  }
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return new AppError(
      "UPSTREAM_UNAVAILABLE",
      `Stripe unreachable while ${doing}. Nothing was changed; try again in a minute.`,
    );
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    return new AppError(
      "RATE_LIMITED",
      `Stripe is rate limiting requests while ${doing}. Nothing was changed; try again in a minute.`,
    );
  }
  if (error instanceof Stripe.errors.StripeAPIError) {
    return new AppError(
      "UPSTREAM_UNAVAILABLE",
      `Stripe had an internal error while ${doing}. Nothing was changed; try again in a minute.`,
    );
  }
  if (error instanceof Stripe.errors.StripeError) {
    return new AppError("UPSTREAM_REJECTED", `Stripe refused ${doing}: ${error.message}`);
  }
  return error;
}

/** Runs one Stripe call and rethrows its failure as an AppError the form can show. */
export async function callStripe<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toStripeAppError(error, doing);
  }
}
