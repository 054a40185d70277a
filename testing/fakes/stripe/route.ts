import type { JsonObject } from "@/testing/fakes/shared/json";
import type { ParamObject } from "@/testing/fakes/shared/nested-params";
import type { FakeStripeAccount, FakeStripeState } from "@/testing/fakes/stripe/state";
import type { FakeStripeKey, StripeRouteName } from "@/testing/fakes/stripe/types";

export interface StripeRouteContext {
  state: FakeStripeState;
  account: FakeStripeAccount;
  key: FakeStripeKey;
  /** From the key prefix: test keys see test objects only, like Stripe. */
  livemode: boolean;
  /** Query params for GET/DELETE, form body for POST. */
  params: ParamObject;
  pathParams: Record<string, string>;
}

export interface StripeRoute {
  name: StripeRouteName;
  method: "GET" | "POST" | "DELETE";
  /** Named groups become `pathParams`. */
  pattern: RegExp;
  handle(ctx: StripeRouteContext): JsonObject;
}
