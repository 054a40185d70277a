import type { IncomingHttpHeaders } from "node:http";
import { StripeHttpError } from "@/testing/fakes/stripe/errors";
import type { FakeStripeState } from "@/testing/fakes/stripe/state";
import type { FakeStripeKey, StripeRouteName } from "@/testing/fakes/stripe/types";

/** Pulls the key from `Bearer <key>` (what stripe-node sends) or `Basic base64(<key>:)` (what curl -u sends). */
export function readApiKey(headers: IncomingHttpHeaders): string | null {
  const header = headers.authorization;
  if (!header) return null;
  const [scheme, value] = header.split(" ", 2);
  if (!value) return null;
  if (scheme?.toLowerCase() === "bearer") return value.trim();
  if (scheme?.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    return decoded.split(":", 1)[0] ?? null;
  }
  return null;
}

/** Resolves the key to its account, or answers 401 with Stripe's wording. */
export function authenticate(state: FakeStripeState, apiKey: string | null): FakeStripeKey {
  if (!apiKey) {
    throw new StripeHttpError(401, {
      error: {
        type: "invalid_request_error",
        message:
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      },
    });
  }
  const key = state.keys.get(apiKey);
  if (!key || !state.accounts.has(key.accountId)) {
    throw new StripeHttpError(401, {
      error: { type: "invalid_request_error", message: `Invalid API Key provided: ${redactKey(apiKey)}` },
    });
  }
  return key;
}

/** 403 naming the missing permission, as Stripe does for restricted keys. */
export function assertPermission(state: FakeStripeState, key: FakeStripeKey, route: StripeRouteName): void {
  const permission = state.requiredPermissions[route];
  if (!key.missingPermissions.includes(permission)) return;
  throw new StripeHttpError(403, {
    error: {
      type: "invalid_request_error",
      message: `The provided key '${redactKey(key.key)}' does not have the required permissions for this endpoint on account '${key.accountId}'. Having the '${permission}' permission would allow this request to continue.`,
    },
  });
}

/** `sk_test_****…1234`: the mode prefix and the last four characters stay readable, like Stripe's messages. */
export function redactKey(key: string): string {
  const prefix = /^[a-z]{2}_(?:test|live)_/.exec(key)?.[0] ?? "";
  const rest = key.slice(prefix.length);
  if (rest.length <= 4) return `${prefix}${"*".repeat(rest.length)}`;
  return `${prefix}${"*".repeat(Math.min(rest.length - 4, 32))}${rest.slice(-4)}`;
}
