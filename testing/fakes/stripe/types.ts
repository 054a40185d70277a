import type { ChaosConfig, FailureRule } from "@/testing/fakes/shared/failure-rules";
import type { JsonObject } from "@/testing/fakes/shared/json";
import type { ParamObject } from "@/testing/fakes/shared/nested-params";

/** Every API route the fake serves; restricted-key permissions are configured per route name. */
export type StripeRouteName =
  | "webhook_endpoints.list"
  | "webhook_endpoints.create"
  | "webhook_endpoints.retrieve"
  | "webhook_endpoints.update"
  | "webhook_endpoints.delete"
  | "charges.retrieve"
  | "disputes.list"
  | "disputes.retrieve"
  | "invoices.list"
  | "invoices.retrieve"
  | "invoice_payments.list"
  | "invoice_payments.retrieve"
  | "checkout.sessions.list"
  | "checkout.sessions.retrieve"
  | "checkout.sessions.line_items"
  | "promotion_codes.retrieve"
  | "customers.retrieve"
  | "customers.balance_transactions.list"
  | "customers.balance_transactions.create"
  | "customers.balance_transactions.retrieve"
  | "subscriptions.retrieve"
  | "products.retrieve"
  | "prices.retrieve"
  | "events.list"
  | "events.retrieve";

export interface FakeStripeKeyInput {
  /** `sk_test_…`, `sk_live_…`, `rk_test_…` or `rk_live_…`; generated when omitted. */
  key?: string;
  /** Used only when `key` is omitted. */
  kind?: "secret" | "restricted";
  livemode?: boolean;
  /**
   * Permissions this (restricted) key lacks, e.g. `['rak_webhook_write']`: any route that requires one
   * of them answers 403 naming it, like Stripe does.
   */
  missingPermissions?: string[];
}

export interface FakeStripeKey {
  key: string;
  accountId: string;
  livemode: boolean;
  missingPermissions: string[];
}

export interface FakeStripeAccountInput {
  /** `acct_…`; generated when omitted. */
  id?: string;
  keys?: FakeStripeKeyInput[];
  /** Stripe allows 16 webhook endpoints per mode per account. */
  webhookEndpointLimit?: number;
}

export interface FakeStripeAccountInfo {
  id: string;
  keys: FakeStripeKey[];
  webhookEndpointLimit: number;
}

/** A webhook endpoint as the fake stores it; `secret` is kept so the fake can sign deliveries. */
export interface StoredWebhookEndpoint {
  endpoint: JsonObject & { id: string; url: string; enabled_events: string[]; status: string; livemode: boolean };
  secret: string;
}

export interface RecordedStripeRequest {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: ParamObject;
  body: ParamObject;
  /** The raw `Authorization` key (these are fake credentials). */
  apiKey: string | null;
  accountId: string | null;
  route: StripeRouteName | null;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  status: number | null;
  /** Set when the answer came from an injected failure (`fail_…` id). */
  injected?: string;
}

export interface StripeWebhookDelivery {
  seq: number;
  time: string;
  accountId: string;
  endpointId: string;
  url: string;
  eventId: string;
  eventType: string;
  /** HTTP status of the endpoint's answer, or null when the POST failed (see `error`). */
  status: number | null;
  error?: string;
  durationMs: number;
  /** First 2 KiB of the answer, for debugging. */
  responseBody?: string;
}

export type StripeErrorType =
  | "api_error"
  | "card_error"
  | "idempotency_error"
  | "invalid_request_error"
  | "rate_limit_error"
  | "authentication_error";

export type StripeFailureAction =
  | {
      kind: "error";
      status: number;
      type?: StripeErrorType;
      code?: string;
      message?: string;
      /**
       * Sent as `Stripe-Should-Retry`. Defaults to false so "fail the next create" fails the call even
       * though stripe-node retries 5xx twice by default; null sends no header (the SDK then retries 5xx).
       */
      shouldRetry?: boolean | null;
      /**
       * Stripe had begun executing the endpoint when it failed: the answer is saved under the request's
       * Idempotency-Key and a retry with that key gets it again (`Idempotent-Replayed: true`), as real
       * Stripe does for 500s for 24 hours.
       */
      savedForIdempotency?: boolean;
    }
  /** No answer at all (until the client gives up), or a late normal answer after `ms`. */
  | { kind: "hang"; ms?: number }
  /** Destroy the socket without answering. */
  | { kind: "reset" };

export type StripeFailureRule = FailureRule<StripeFailureAction>;
export type StripeChaosConfig = ChaosConfig<StripeFailureAction>;
