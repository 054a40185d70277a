// The Stripe side of an Advocate reward (SPEC §11): read the participant's customer, credit its balance
// (a negative balance transaction, applied to the next invoice), and find an earlier credit for the same
// reward by its metadata — the check before any retry whose outcome is unknown, since Stripe forgets
// idempotency keys after 24 h. Each call returns its exchange in the shape Advocate calls record.
import Stripe from "stripe";
import { getEnv } from "@/lib/env";
import { describeFetchError, type HttpExchange, truncateBody } from "@/lib/http/http-exchange";
import { redactSecrets } from "@/lib/mapping/redact";
import { STRIPE_TIMEOUT_MS } from "@/lib/stripe/stripe-client";

export type StripeCallFailure = {
  kind: "unauthorized" | "permission" | "not_found" | "rate_limited" | "server" | "client" | "network" | "idempotency";
  status: number | null;
  message: string;
  /** Stripe's error `code`, e.g. `resource_missing`. */
  code?: string;
  /**
   * Stripe answered with the saved result of an earlier request under the same Idempotency-Key
   * (`Idempotent-Replayed: true`): for 24 hours it replays even a 500, so only another key can get through.
   */
  isReplayed?: boolean;
};

export type StripeCallResult<T> =
  | { ok: true; value: T; exchange: HttpExchange }
  | { ok: false; failure: StripeCallFailure; exchange: HttpExchange };

export type BalanceCustomer =
  | { id: string; deleted: true }
  | { id: string; deleted: false; currency: string | null; balance: number; email: string | null; name: string | null };

/** The metadata keys that tie a balance transaction to its reward. */
export const ADVOCATE_TENANT_METADATA_KEY = "advocate_tenant";
export const ADVOCATE_REWARD_METADATA_KEY = "advocate_reward_id";
/** Stripe's limit on a balance transaction's description. */
export const MAX_BALANCE_DESCRIPTION_LENGTH = 350;

export type BalanceCreditInput = {
  customerId: string;
  /** Negative: a credit, in the currency's minor units. */
  amount: number;
  /** ISO code, any case (sent lower-case, as Stripe writes it). */
  currency: string;
  description: string;
  metadata: Record<string, string>;
  idempotencyKey: string;
};

function stripeUrl(path: string): string {
  return `${getEnv().STRIPE_API_BASE_URL.replace(/\/+$/, "")}${path}`;
}

const customerPath = (customerId: string) => `/v1/customers/${encodeURIComponent(customerId)}`;

/** Form encoding as the SDK sends it (`metadata[key]=value`), for the record only. */
function formBody(params: Record<string, string | number | Record<string, string>>): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "object")
      for (const [key, inner] of Object.entries(value)) form.append(`${name}[${key}]`, inner);
    else form.append(name, String(value));
  }
  return form.toString();
}

/** Runs one SDK call and turns its answer or its error into a result with the exchange recorded. */
async function recorded<T>(
  method: string,
  path: string,
  requestBody: string,
  call: () => Promise<T>,
  answerOf: (value: T) => { status: number | null; body: unknown } = (value) => ({
    status: (value as { lastResponse?: { statusCode?: number } }).lastResponse?.statusCode ?? 200,
    body: value,
  }),
): Promise<StripeCallResult<T>> {
  const started = performance.now();
  const exchange = (responseStatus: number | null, responseBody: string | null, error: string | null) => ({
    method,
    url: stripeUrl(path),
    requestBody: redactSecrets(requestBody),
    responseStatus,
    responseBody: responseBody === null ? null : truncateBody(redactSecrets(responseBody)),
    durationMs: Math.round(performance.now() - started),
    error,
  });
  try {
    const value = await call();
    const { status, body } = answerOf(value);
    return { ok: true, value, exchange: exchange(status, JSON.stringify(body, withoutLastResponse), null) };
  } catch (error) {
    const failure = classifyStripeError(error);
    if (failure.kind === "network") return { ok: false, failure, exchange: exchange(null, null, failure.message) };
    const raw = error instanceof Stripe.errors.StripeError ? error.raw : undefined;
    return { ok: false, failure, exchange: exchange(failure.status, JSON.stringify({ error: raw ?? null }), null) };
  }
}

// The SDK hangs the HTTP response (headers included) off every object; it is not part of the answer.
const withoutLastResponse = (key: string, value: unknown) => (key === "lastResponse" ? undefined : value);

export function classifyStripeError(error: unknown): StripeCallFailure {
  if (!(error instanceof Stripe.errors.StripeError)) {
    return { kind: "network", status: null, message: describeFetchError(error, STRIPE_TIMEOUT_MS) };
  }
  const status = error.statusCode ?? null;
  const isReplayed = error.headers?.["idempotent-replayed"] === "true";
  const base = {
    status,
    message: error.message,
    ...(error.code ? { code: error.code } : {}),
    ...(isReplayed ? { isReplayed } : {}),
  };
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return { kind: "network", status: null, message: `network error: ${error.message}` };
  }
  if (error instanceof Stripe.errors.StripeAuthenticationError) return { ...base, kind: "unauthorized" };
  if (error instanceof Stripe.errors.StripePermissionError) return { ...base, kind: "permission" };
  if (error instanceof Stripe.errors.StripeRateLimitError) return { ...base, kind: "rate_limited" };
  if (error instanceof Stripe.errors.StripeIdempotencyError) return { ...base, kind: "idempotency" };
  if (status === 404) return { ...base, kind: "not_found" };
  if (status !== null && status >= 500) return { ...base, kind: "server" };
  if (error instanceof Stripe.errors.StripeAPIError) return { ...base, kind: "server" };
  return { ...base, kind: "client" };
}

/** The customer, or `{deleted: true}` for one deleted in Stripe; an unknown id is failure `not_found`. */
export async function retrieveCustomer(stripe: Stripe, customerId: string): Promise<StripeCallResult<BalanceCustomer>> {
  const result = await recorded("GET", customerPath(customerId), "", () => stripe.customers.retrieve(customerId));
  if (!result.ok) return result;
  const customer = result.value;
  const value: BalanceCustomer = customer.deleted
    ? { id: customer.id, deleted: true }
    : {
        id: customer.id,
        deleted: false,
        currency: customer.currency ?? null,
        balance: customer.balance,
        email: customer.email ?? null,
        name: customer.name ?? null,
      };
  return { ok: true, value, exchange: result.exchange };
}

/**
 * `POST /v1/customers/{id}/balance_transactions` with a negative amount. Idempotent for 24 h through
 * `idempotencyKey`; beyond that only the caller's own record and findBalanceCreditForReward guard.
 * Throws RangeError for an amount that is not a negative whole number or a description over 350 characters.
 */
export function createBalanceCredit(
  stripe: Stripe,
  input: BalanceCreditInput,
): Promise<StripeCallResult<Stripe.CustomerBalanceTransaction>> {
  if (!Number.isSafeInteger(input.amount) || input.amount >= 0) {
    throw new RangeError(`a balance credit is a negative whole number of minor units, not ${input.amount}`);
  }
  if (input.description.length > MAX_BALANCE_DESCRIPTION_LENGTH) {
    throw new RangeError(`a balance transaction description is at most ${MAX_BALANCE_DESCRIPTION_LENGTH} characters`);
  }
  const params = {
    amount: input.amount,
    currency: input.currency.toLowerCase(),
    description: input.description,
    metadata: input.metadata,
  };
  return recorded("POST", `${customerPath(input.customerId)}/balance_transactions`, formBody(params), () =>
    stripe.customers.createBalanceTransaction(input.customerId, params, { idempotencyKey: input.idempotencyKey }),
  );
}

/**
 * The customer's balance transaction whose metadata names this tenant and reward, or null; reads every
 * page (newest first). The exchange records the list request and how many pages and transactions it read.
 */
export async function findBalanceCreditForReward(
  stripe: Stripe,
  customerId: string,
  reward: { tenantAlias: string; rewardId: string },
): Promise<StripeCallResult<Stripe.CustomerBalanceTransaction | null>> {
  let scanned = 0;
  return recorded(
    "GET",
    `${customerPath(customerId)}/balance_transactions?limit=100`,
    "",
    async () => {
      for await (const transaction of stripe.customers.listBalanceTransactions(customerId, { limit: 100 })) {
        scanned += 1;
        const metadata = transaction.metadata ?? {};
        if (
          metadata[ADVOCATE_TENANT_METADATA_KEY] === reward.tenantAlias &&
          metadata[ADVOCATE_REWARD_METADATA_KEY] === reward.rewardId
        ) {
          return transaction;
        }
      }
      return null;
    },
    (found) => ({ status: 200, body: { scanned, found } }),
  );
}
