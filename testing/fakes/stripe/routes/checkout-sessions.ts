import type { JsonObject } from "@/testing/fakes/shared/json";
import { newestFirst, paginate, type StripeList } from "@/testing/fakes/stripe/list";
import { getObjectOfType, withExpand } from "@/testing/fakes/stripe/objects";
import { assertKnownParams, inRange, optionalString, readExpand, readRangeFilter } from "@/testing/fakes/stripe/params";
import type { StripeRoute, StripeRouteContext } from "@/testing/fakes/stripe/route";
import { idOf } from "@/testing/fakes/stripe/routes/invoice-payments";

const LIST_FILTERS = ["customer", "payment_intent", "payment_link", "status", "subscription"] as const;

export const checkoutSessionRoutes: StripeRoute[] = [
  {
    name: "checkout.sessions.list",
    method: "GET",
    pattern: /^\/v1\/checkout\/sessions$/,
    handle(ctx) {
      const { params } = ctx;
      assertKnownParams(params, [...LIST_FILTERS, "created", "ending_before", "expand", "limit", "starting_after"]);
      const filters = LIST_FILTERS.map((field) => [field, optionalString(params, field)] as const);
      const created = readRangeFilter(params, "created");
      const items = [...ctx.account.objects.values()].filter(
        (item) =>
          item.object === "checkout.session" &&
          Boolean(item.livemode) === ctx.livemode &&
          inRange(Number(item.created ?? 0), created) &&
          filters.every(
            ([field, wanted]) => wanted === undefined || idOf(item[field]) === wanted || item[field] === wanted,
          ),
      );
      const list = paginate(newestFirst(items), params, "/v1/checkout/sessions");
      return withExpand(ctx, withLineItemsOnList(ctx, list));
    },
  },
  {
    name: "checkout.sessions.retrieve",
    method: "GET",
    pattern: /^\/v1\/checkout\/sessions\/(?<id>[^/]+)$/,
    handle(ctx) {
      assertKnownParams(ctx.params, ["expand"]);
      const session = getObjectOfType(ctx, ctx.pathParams.id ?? "", "checkout.session", "checkout.session");
      const wantsLineItems = readExpand(ctx.params).some((path) => path.split(".")[0] === "line_items");
      return withExpand(ctx, wantsLineItems ? { ...session, line_items: lineItemList(ctx, session) } : session);
    },
  },
  {
    name: "checkout.sessions.line_items",
    method: "GET",
    pattern: /^\/v1\/checkout\/sessions\/(?<id>[^/]+)\/line_items$/,
    handle(ctx) {
      assertKnownParams(ctx.params, ["ending_before", "expand", "limit", "starting_after"]);
      const session = getObjectOfType(ctx, ctx.pathParams.id ?? "", "checkout.session", "checkout.session");
      const items = ctx.account.checkoutLineItems.get(String(session.id)) ?? [];
      return withExpand(ctx, paginate(items, ctx.params, `/v1/checkout/sessions/${String(session.id)}/line_items`));
    },
  },
];

/** The `line_items` list Stripe attaches to a session when `expand[]=line_items` is asked for. */
function lineItemList(ctx: StripeRouteContext, session: JsonObject): StripeList {
  const items = ctx.account.checkoutLineItems.get(String(session.id)) ?? [];
  return {
    object: "list",
    data: items,
    has_more: false,
    url: `/v1/checkout/sessions/${String(session.id)}/line_items`,
  };
}

/** `expand[]=data.line_items` on a list request. */
function withLineItemsOnList(ctx: StripeRouteContext, list: StripeList): StripeList {
  const wants = readExpand(ctx.params).some((path) => path.startsWith("data.line_items"));
  if (!wants) return list;
  return { ...list, data: list.data.map((session) => ({ ...session, line_items: lineItemList(ctx, session) })) };
}
