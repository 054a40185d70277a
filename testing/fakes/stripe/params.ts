import type { ParamObject, ParamValue } from "@/testing/fakes/shared/nested-params";
import { invalidRequest, missingParam } from "@/testing/fakes/stripe/errors";

/** Stripe rejects parameters it does not know; so does the fake, which catches client typos early. */
export function assertKnownParams(params: ParamObject, allowed: readonly string[]): void {
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name)) {
      throw invalidRequest(`Received unknown parameter: ${name}`, { param: name, code: "parameter_unknown" });
    }
  }
}

export function optionalString(params: ParamObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string")
    throw invalidRequest(`Invalid string: ${describeValue(value)}`, { param: name, code: "parameter_invalid_string" });
  return value;
}

export function requiredString(params: ParamObject, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === "") throw missingParam(name);
  return value;
}

export function optionalStringArray(params: ParamObject, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw invalidRequest(`Invalid array`, { param: name, code: "parameter_invalid_array" });
  }
  return value as string[];
}

export function optionalBoolean(params: ParamObject, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw invalidRequest(`Invalid boolean: ${describeValue(value)}`, { param: name, code: "parameter_invalid_boolean" });
}

export function optionalInteger(params: ParamObject, name: string): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^-?\d+$/.test(value)) {
    throw invalidRequest(`Invalid integer: ${describeValue(value)}`, {
      param: name,
      code: "parameter_invalid_integer",
    });
  }
  return Number(value);
}

/** Stripe list `limit`: 1..100, default 10. */
export function readLimit(params: ParamObject): number {
  const limit = optionalInteger(params, "limit") ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest(`This value must be between 1 and 100 (it currently is ${limit}).`, { param: "limit" });
  }
  return limit;
}

/**
 * `metadata[k]=v` pairs. Returns null for `metadata=` (Stripe's "unset all"); an empty value for one key
 * means "unset that key" and is kept as "" for the caller to apply.
 */
export function readMetadata(params: ParamObject, name = "metadata"): Record<string, string> | null | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === "") return null;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw invalidRequest(`Invalid object`, { param: name, code: "parameter_invalid_object" });
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "string")
      throw invalidRequest(`Invalid string: ${describeValue(item)}`, { param: `${name}[${key}]` });
    if (key.length > 40)
      throw invalidRequest(`Metadata keys can be at most 40 characters.`, { param: `${name}[${key}]` });
    if (item.length > 500)
      throw invalidRequest(`Metadata values can be at most 500 characters.`, { param: `${name}[${key}]` });
    out[key] = item;
  }
  if (Object.keys(out).length > 50) throw invalidRequest(`Metadata can have at most 50 keys.`, { param: name });
  return out;
}

/** Applies Stripe metadata-update semantics: merge, "" deletes a key, null clears everything. */
export function mergeMetadata(
  current: Record<string, string>,
  update: Record<string, string> | null | undefined,
): Record<string, string> {
  if (update === undefined) return current;
  if (update === null) return {};
  const merged = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === "") delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export function readExpand(params: ParamObject): string[] {
  return optionalStringArray(params, "expand") ?? [];
}

export interface RangeFilter {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

/** `created=123` or `created[gte]=…&created[lte]=…`. */
export function readRangeFilter(params: ParamObject, name: string): RangeFilter | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === "string") {
    const exact = optionalInteger(params, name) as number;
    return { gte: exact, lte: exact };
  }
  if (Array.isArray(value)) throw invalidRequest(`Invalid object`, { param: name, code: "parameter_invalid_object" });
  assertKnownParams(value, ["gt", "gte", "lt", "lte"]);
  const filter: RangeFilter = {};
  for (const bound of ["gt", "gte", "lt", "lte"] as const) {
    const parsed = optionalInteger(value, bound);
    if (parsed !== undefined) filter[bound] = parsed;
  }
  return filter;
}

export function inRange(value: number, filter: RangeFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.gt !== undefined && !(value > filter.gt)) return false;
  if (filter.gte !== undefined && !(value >= filter.gte)) return false;
  if (filter.lt !== undefined && !(value < filter.lt)) return false;
  if (filter.lte !== undefined && !(value <= filter.lte)) return false;
  return true;
}

function describeValue(value: ParamValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
