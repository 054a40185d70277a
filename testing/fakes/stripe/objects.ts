import type { JsonObject } from "@/testing/fakes/shared/json";
import { noSuchObject } from "@/testing/fakes/stripe/errors";
import { applyExpand } from "@/testing/fakes/stripe/expand";
import { readExpand } from "@/testing/fakes/stripe/params";
import type { StripeRouteContext } from "@/testing/fakes/stripe/route";
import type { FakeStripeAccount } from "@/testing/fakes/stripe/state";

/** Finds a seeded object of one Stripe type, answering Stripe's 404 (with its other-mode hint) otherwise. */
export function getObjectOfType(ctx: StripeRouteContext, id: string, objectType: string, noun: string): JsonObject {
  const found = ctx.account.objects.get(id);
  if (!found || found.object !== objectType) throw noSuchObject(noun, id);
  if (Boolean(found.livemode) !== ctx.livemode)
    throw noSuchObject(noun, id, { otherMode: found.livemode ? "live" : "test" });
  return found;
}

export function resolverFor(account: FakeStripeAccount): (id: string) => JsonObject | undefined {
  return (id) => account.objects.get(id);
}

/** The answer to a retrieve/list: a copy of `value` with the request's `expand[]` applied. */
export function withExpand(ctx: StripeRouteContext, value: JsonObject): JsonObject {
  return applyExpand(value, readExpand(ctx.params), resolverFor(ctx.account));
}
