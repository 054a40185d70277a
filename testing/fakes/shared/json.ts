/** The values a JSON document can hold; the fakes store every object in this form. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

/**
 * Deep copy through JSON so stored objects never share references with the caller, and SDK class
 * instances (e.g. `Stripe.Decimal`) become their wire form (`toJSON`), exactly as the real API sends them.
 */
export function toJson<T>(value: T): JsonValue {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
