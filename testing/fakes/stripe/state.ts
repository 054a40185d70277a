import { FailurePlan } from "@/testing/fakes/shared/failure-rules";
import type { JsonObject } from "@/testing/fakes/shared/json";
import { randomBase62, stripeId } from "@/testing/fakes/stripe/ids";
import { DEFAULT_REQUIRED_PERMISSIONS } from "@/testing/fakes/stripe/permissions";
import type {
  FakeStripeAccountInfo,
  FakeStripeAccountInput,
  FakeStripeKey,
  FakeStripeKeyInput,
  RecordedStripeRequest,
  StoredWebhookEndpoint,
  StripeFailureAction,
  StripeRouteName,
  StripeWebhookDelivery,
} from "@/testing/fakes/stripe/types";

export const DEFAULT_WEBHOOK_ENDPOINT_LIMIT = 16;
const KEY_PATTERN = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/;

export interface FakeStripeAccount {
  id: string;
  webhookEndpointLimit: number;
  /** Oldest first; lists reverse it (Stripe lists newest first). */
  webhookEndpoints: StoredWebhookEndpoint[];
  /** Every seeded object by id, in wire (JSON) form; also the source for `expand[]`. */
  objects: Map<string, JsonObject>;
  /** Checkout line items by session id (Stripe keeps them off the session unless expanded). */
  checkoutLineItems: Map<string, JsonObject[]>;
  /** Insertion order; lists sort newest first by `created`. */
  events: JsonObject[];
}

export interface IdempotentResponse {
  method: string;
  path: string;
  rawBody: string;
  status: number;
  body: unknown;
  /** Headers replayed with it (an injected failure's Stripe-Should-Retry). */
  headers?: Record<string, string>;
}

export interface FakeStripeState {
  accounts: Map<string, FakeStripeAccount>;
  keys: Map<string, FakeStripeKey>;
  requests: RecordedStripeRequest[];
  deliveries: StripeWebhookDelivery[];
  failures: FailurePlan<StripeFailureAction>;
  idempotency: Map<string, IdempotentResponse>;
  requiredPermissions: Record<StripeRouteName, string>;
  counters: { request: number; delivery: number };
  /** Told of every endpoint created through the API (the demo stream starts one per endpoint); kept by resets. */
  onWebhookEndpointCreated?: (accountId: string, endpointId: string) => void;
}

export function createStripeState(permissionOverrides: Partial<Record<StripeRouteName, string>> = {}): FakeStripeState {
  return {
    accounts: new Map(),
    keys: new Map(),
    requests: [],
    deliveries: [],
    failures: new FailurePlan<StripeFailureAction>(),
    idempotency: new Map(),
    requiredPermissions: { ...DEFAULT_REQUIRED_PERMISSIONS, ...permissionOverrides },
    counters: { request: 0, delivery: 0 },
  };
}

/** Empties everything (accounts, keys, objects, recordings, failures) but keeps permission settings. */
export function clearStripeState(state: FakeStripeState): void {
  state.accounts.clear();
  state.keys.clear();
  state.requests.length = 0;
  state.deliveries.length = 0;
  state.failures.clear();
  state.idempotency.clear();
}

export function addAccount(state: FakeStripeState, input: FakeStripeAccountInput = {}): FakeStripeAccountInfo {
  const id = input.id ?? stripeId("acct");
  if (!/^acct_[A-Za-z0-9]+$/.test(id)) throw new Error(`Invalid account id ${id}: expected acct_…`);
  if (state.accounts.has(id)) throw new Error(`Account ${id} already exists`);
  if (input.keys !== undefined && !Array.isArray(input.keys)) throw new Error("keys must be a list");
  const limit = input.webhookEndpointLimit ?? DEFAULT_WEBHOOK_ENDPOINT_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) throw new Error("webhookEndpointLimit must be a non-negative integer");
  state.accounts.set(id, {
    id,
    webhookEndpointLimit: limit,
    webhookEndpoints: [],
    objects: new Map(),
    checkoutLineItems: new Map(),
    events: [],
  });
  try {
    for (const key of input.keys ?? [{}]) addKey(state, id, key);
  } catch (error) {
    // No half-created account: drop it and any keys already added.
    state.accounts.delete(id);
    for (const [key, stored] of state.keys) if (stored.accountId === id) state.keys.delete(key);
    throw error;
  }
  return accountInfo(state, id);
}

export function addKey(state: FakeStripeState, accountId: string, input: FakeStripeKeyInput = {}): FakeStripeKey {
  requireAccount(state, accountId);
  if (typeof input !== "object" || input === null) throw new Error("A key must be an object");
  const kind = input.kind === "restricted" ? "rk" : "sk";
  const key = input.key ?? `${kind}_${input.livemode ? "live" : "test"}_${randomBase62(24)}`;
  const match = KEY_PATTERN.exec(key);
  if (!match) throw new Error(`Invalid key ${key}: expected sk_test_…, sk_live_…, rk_test_… or rk_live_…`);
  if (state.keys.has(key)) throw new Error(`Key ${key} is already in use`);
  const missing = input.missingPermissions ?? [];
  if (!Array.isArray(missing) || missing.some((p) => typeof p !== "string" || p === ""))
    throw new Error("missingPermissions must be strings");
  const stored: FakeStripeKey = { key, accountId, livemode: match[2] === "live", missingPermissions: [...missing] };
  state.keys.set(key, stored);
  return { ...stored, missingPermissions: [...stored.missingPermissions] };
}

export function requireAccount(state: FakeStripeState, accountId: string): FakeStripeAccount {
  const account = state.accounts.get(accountId);
  if (!account) throw new Error(`Unknown fake Stripe account ${accountId}`);
  return account;
}

export function accountInfo(state: FakeStripeState, accountId: string): FakeStripeAccountInfo {
  const account = requireAccount(state, accountId);
  const keys = [...state.keys.values()]
    .filter((key) => key.accountId === accountId)
    .map((key) => ({ ...key, missingPermissions: [...key.missingPermissions] }));
  return { id: account.id, keys, webhookEndpointLimit: account.webhookEndpointLimit };
}
