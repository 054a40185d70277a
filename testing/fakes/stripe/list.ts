import type { JsonObject } from "@/testing/fakes/shared/json";
import type { ParamObject } from "@/testing/fakes/shared/nested-params";
import { invalidRequest } from "@/testing/fakes/stripe/errors";
import { optionalString, readLimit } from "@/testing/fakes/stripe/params";

export interface StripeList extends JsonObject {
  object: "list";
  data: JsonObject[];
  has_more: boolean;
  url: string;
}

/**
 * Stripe cursor pagination over `items` already in list order (usually newest first):
 * `starting_after` pages forward, `ending_before` pages backward; `has_more` says whether more lie
 * in the direction of travel.
 */
export function paginate(items: JsonObject[], params: ParamObject, url: string): StripeList {
  const limit = readLimit(params);
  const startingAfter = optionalString(params, "starting_after");
  const endingBefore = optionalString(params, "ending_before");
  if (startingAfter && endingBefore) {
    throw invalidRequest("You may only specify one of these parameters: ending_before, starting_after.", {
      param: "ending_before",
    });
  }
  if (endingBefore) {
    const end = indexOrThrow(items, endingBefore, "ending_before");
    const start = Math.max(0, end - limit);
    return { object: "list", data: items.slice(start, end), has_more: start > 0, url };
  }
  const start = startingAfter ? indexOrThrow(items, startingAfter, "starting_after") + 1 : 0;
  return { object: "list", data: items.slice(start, start + limit), has_more: start + limit < items.length, url };
}

function indexOrThrow(items: JsonObject[], id: string, param: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index === -1) throw invalidRequest(`No such object: '${id}'`, { param, code: "resource_missing", status: 404 });
  return index;
}

/** Orders objects newest first by `created`, later insertions first on ties (Stripe's list order). */
export function newestFirst(items: JsonObject[]): JsonObject[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => Number(b.item.created ?? 0) - Number(a.item.created ?? 0) || b.index - a.index)
    .map(({ item }) => item);
}
