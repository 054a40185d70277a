import { isJsonObject, type JsonObject, type JsonValue } from "@/testing/fakes/shared/json";
import { invalidRequest } from "@/testing/fakes/stripe/errors";

// Stripe refuses expansions deeper than four levels.
const MAX_EXPAND_DEPTH = 4;

/**
 * Applies Stripe `expand[]` paths to a copy of `root`: every id string met along a path
 * (`discounts.promotion_code`, `data.price.product`, `customer`) is replaced by the object `resolve`
 * finds for it; arrays along the path are walked element by element. Unknown ids stay strings.
 */
export function applyExpand(
  root: JsonObject,
  paths: string[],
  resolve: (id: string) => JsonObject | undefined,
): JsonObject {
  let result = structuredClone(root);
  for (const path of paths) {
    const segments = path.split(".");
    if (segments.length > MAX_EXPAND_DEPTH + 1 || segments.some((s) => s === "")) {
      throw invalidRequest(`You cannot expand more than 4 levels of a property. Property: ${path}`, {
        param: "expand",
      });
    }
    result = expandAt(result, segments, resolve) as JsonObject;
  }
  return result;
}

function expandAt(value: JsonValue, segments: string[], resolve: (id: string) => JsonObject | undefined): JsonValue {
  if (Array.isArray(value)) return value.map((item) => expandAt(item, segments, resolve));
  if (!isJsonObject(value)) return value;
  const [head, ...rest] = segments;
  if (head === undefined || !(head in value)) return value;
  let child = value[head] as JsonValue;
  child = expandIds(child, resolve);
  if (rest.length > 0) child = expandAt(child, rest, resolve);
  return { ...value, [head]: child };
}

function expandIds(value: JsonValue, resolve: (id: string) => JsonObject | undefined): JsonValue {
  if (typeof value === "string") {
    const found = resolve(value);
    return found ? structuredClone(found) : value;
  }
  if (Array.isArray(value)) return value.map((item) => expandIds(item, resolve));
  return value;
}
