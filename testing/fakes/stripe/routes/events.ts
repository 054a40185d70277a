import { invalidRequest, noSuchObject } from "@/testing/fakes/stripe/errors";
import { newestFirst, paginate } from "@/testing/fakes/stripe/list";
import {
  assertKnownParams,
  inRange,
  optionalBoolean,
  optionalString,
  optionalStringArray,
  readRangeFilter,
} from "@/testing/fakes/stripe/params";
import type { StripeRoute } from "@/testing/fakes/stripe/route";

export const eventRoutes: StripeRoute[] = [
  {
    name: "events.list",
    method: "GET",
    pattern: /^\/v1\/events$/,
    handle(ctx) {
      const { params } = ctx;
      assertKnownParams(params, [
        "created",
        "delivery_success",
        "ending_before",
        "expand",
        "limit",
        "starting_after",
        "type",
        "types",
      ]);
      const created = readRangeFilter(params, "created");
      const type = optionalString(params, "type");
      const types = optionalStringArray(params, "types");
      optionalBoolean(params, "delivery_success");
      if (type !== undefined && types !== undefined) {
        throw invalidRequest("You may only specify one of these parameters: type, types.", { param: "types" });
      }
      if (types && types.length > 20) throw invalidRequest("You may pass at most 20 types.", { param: "types" });
      const wanted = types ?? (type === undefined ? undefined : [type]);
      const items = ctx.account.events.filter(
        (event) =>
          Boolean(event.livemode) === ctx.livemode &&
          inRange(Number(event.created ?? 0), created) &&
          (wanted === undefined || wanted.some((pattern) => eventTypeMatches(pattern, String(event.type)))),
      );
      return paginate(newestFirst(items), params, "/v1/events");
    },
  },
  {
    name: "events.retrieve",
    method: "GET",
    pattern: /^\/v1\/events\/(?<id>[^/]+)$/,
    handle(ctx) {
      assertKnownParams(ctx.params, ["expand"]);
      const id = ctx.pathParams.id ?? "";
      const event = ctx.account.events.find((item) => item.id === id);
      if (!event) throw noSuchObject("event", id);
      if (Boolean(event.livemode) !== ctx.livemode)
        throw noSuchObject("event", id, { otherMode: event.livemode ? "live" : "test" });
      return event;
    },
  },
];

/** Stripe's `type` filter accepts a `*` wildcard, e.g. `invoice.*`. */
export function eventTypeMatches(pattern: string, type: string): boolean {
  if (pattern === "*" || pattern === type) return true;
  if (!pattern.includes("*")) return false;
  const regex = new RegExp(`^${pattern.split("*").map(escapeRegex).join("[a-z_.]*")}$`);
  return regex.test(type);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
