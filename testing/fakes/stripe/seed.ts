import { isJsonObject, type JsonObject, type JsonValue, toJson } from "@/testing/fakes/shared/json";
import { type FakeStripeState, requireAccount } from "@/testing/fakes/stripe/state";

/** Anything with Stripe's `id` + `object` fields; every `Stripe.*` resource type fits. */
export interface SeedableStripeObject {
  id: string;
  object: string;
}

/**
 * Stores objects for an account (replacing any with the same id, so a test can "grow" a refund by
 * seeding the charge again). Events go to the event log; a checkout session's `line_items`
 * (a list object or an array) is split off and served by `/line_items`, as Stripe does.
 */
export function seedObjects(state: FakeStripeState, accountId: string, objects: unknown[]): JsonObject[] {
  const account = requireAccount(state, accountId);
  const stored: JsonObject[] = [];
  for (const input of objects) {
    const object = toStoredObject(input);
    if (object.object === "event") {
      seedEvents(state, accountId, [object]);
      stored.push(object);
      continue;
    }
    if (object.object === "checkout.session" && "line_items" in object) {
      const lineItems = readLineItems(object.line_items as JsonValue, String(object.id));
      delete object.line_items;
      if (lineItems) account.checkoutLineItems.set(String(object.id), lineItems);
    }
    account.objects.set(String(object.id), object);
    stored.push(object);
  }
  return stored;
}

export function seedCheckoutLineItems(
  state: FakeStripeState,
  accountId: string,
  sessionId: string,
  lineItems: unknown[],
): void {
  const account = requireAccount(state, accountId);
  account.checkoutLineItems.set(sessionId, readLineItems(toJson(lineItems), sessionId) ?? []);
}

/** Adds events to the account's event log (what `GET /v1/events` lists); same id replaces. */
export function seedEvents(state: FakeStripeState, accountId: string, events: unknown[]): JsonObject[] {
  const account = requireAccount(state, accountId);
  return events.map((input) => {
    const event = toStoredObject(input);
    if (event.object !== "event" || typeof event.type !== "string" || typeof event.created !== "number") {
      throw new Error(`Not a Stripe event (needs object 'event', type, created): ${String(event.id)}`);
    }
    if (!isJsonObject(event.data) || !isJsonObject(event.data.object)) {
      throw new Error(`Event ${String(event.id)} has no data.object`);
    }
    const index = account.events.findIndex((existing) => existing.id === event.id);
    if (index === -1) account.events.push(event);
    else account.events[index] = event;
    return event;
  });
}

function toStoredObject(input: unknown): JsonObject {
  const object = toJson(input);
  if (!isJsonObject(object) || typeof object.id !== "string" || object.id === "" || typeof object.object !== "string") {
    throw new Error("A seeded Stripe object needs string `id` and `object` fields");
  }
  return object;
}

function readLineItems(value: JsonValue, sessionId: string): JsonObject[] | undefined {
  if (value === null) return undefined;
  const items = Array.isArray(value) ? value : isJsonObject(value) && Array.isArray(value.data) ? value.data : null;
  if (!items?.every(isJsonObject)) throw new Error(`line_items of ${sessionId} must be a list or an array`);
  return items as JsonObject[];
}
