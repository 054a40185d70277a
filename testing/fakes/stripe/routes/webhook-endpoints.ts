import type { JsonObject } from "@/testing/fakes/shared/json";
import { invalidRequest, missingParam, noSuchObject } from "@/testing/fakes/stripe/errors";
import { randomBase62, stripeId } from "@/testing/fakes/stripe/ids";
import { paginate } from "@/testing/fakes/stripe/list";
import {
  assertKnownParams,
  mergeMetadata,
  optionalBoolean,
  optionalString,
  optionalStringArray,
  readMetadata,
  requiredString,
} from "@/testing/fakes/stripe/params";
import type { StripeRoute, StripeRouteContext } from "@/testing/fakes/stripe/route";
import type { StoredWebhookEndpoint } from "@/testing/fakes/stripe/types";

const EVENT_NAME = /^(\*|[a-z_]+(\.[a-z_]+)+)$/;
const API_VERSION = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;

export const webhookEndpointRoutes: StripeRoute[] = [
  {
    name: "webhook_endpoints.list",
    method: "GET",
    pattern: /^\/v1\/webhook_endpoints$/,
    handle(ctx) {
      assertKnownParams(ctx.params, ["limit", "starting_after", "ending_before", "expand"]);
      const items = ctx.account.webhookEndpoints
        .filter((stored) => stored.endpoint.livemode === ctx.livemode)
        .map((stored) => stored.endpoint)
        .reverse();
      return paginate(items, ctx.params, "/v1/webhook_endpoints");
    },
  },
  {
    name: "webhook_endpoints.create",
    method: "POST",
    pattern: /^\/v1\/webhook_endpoints$/,
    handle: createWebhookEndpoint,
  },
  {
    name: "webhook_endpoints.retrieve",
    method: "GET",
    pattern: /^\/v1\/webhook_endpoints\/(?<id>[^/]+)$/,
    handle(ctx) {
      assertKnownParams(ctx.params, ["expand"]);
      return findEndpoint(ctx).endpoint;
    },
  },
  {
    name: "webhook_endpoints.update",
    method: "POST",
    pattern: /^\/v1\/webhook_endpoints\/(?<id>[^/]+)$/,
    handle: updateWebhookEndpoint,
  },
  {
    name: "webhook_endpoints.delete",
    method: "DELETE",
    pattern: /^\/v1\/webhook_endpoints\/(?<id>[^/]+)$/,
    handle(ctx) {
      const stored = findEndpoint(ctx);
      ctx.account.webhookEndpoints = ctx.account.webhookEndpoints.filter((item) => item !== stored);
      return { id: stored.endpoint.id, object: "webhook_endpoint", deleted: true };
    },
  },
];

function createWebhookEndpoint(ctx: StripeRouteContext): JsonObject {
  const { params, account } = ctx;
  assertKnownParams(params, ["url", "enabled_events", "api_version", "connect", "description", "expand", "metadata"]);
  const url = readUrl(requiredString(params, "url"));
  const enabledEvents = readEnabledEvents(ctx, true) as string[];
  const apiVersion = optionalString(params, "api_version");
  if (apiVersion !== undefined && !API_VERSION.test(apiVersion)) {
    throw invalidRequest(`Invalid Stripe API version: ${apiVersion}`, { param: "api_version" });
  }
  optionalBoolean(params, "connect");
  const description = readDescription(ctx);
  const metadata = mergeMetadata({}, readMetadata(params));

  const sameMode = account.webhookEndpoints.filter((stored) => stored.endpoint.livemode === ctx.livemode);
  if (sameMode.length >= account.webhookEndpointLimit) {
    throw invalidRequest(
      `You have reached the maximum of ${account.webhookEndpointLimit} ${ctx.livemode ? "live" : "test"} webhook endpoints.`,
      { param: "url" },
    );
  }

  const stored: StoredWebhookEndpoint = {
    endpoint: {
      id: stripeId("we"),
      object: "webhook_endpoint",
      api_version: apiVersion ?? null,
      application: null,
      created: Math.floor(Date.now() / 1000),
      description: description ?? null,
      enabled_events: enabledEvents,
      livemode: ctx.livemode,
      metadata,
      status: "enabled",
      url,
    },
    secret: `whsec_${randomBase62(32)}`,
  };
  account.webhookEndpoints.push(stored);
  ctx.state.onWebhookEndpointCreated?.(account.id, stored.endpoint.id);
  // The secret is part of the answer only here, exactly like Stripe.
  return { ...stored.endpoint, secret: stored.secret };
}

function updateWebhookEndpoint(ctx: StripeRouteContext): JsonObject {
  const { params } = ctx;
  assertKnownParams(params, ["url", "enabled_events", "disabled", "description", "expand", "metadata"]);
  const stored = findEndpoint(ctx);
  const url = optionalString(params, "url");
  const enabledEvents = readEnabledEvents(ctx, false);
  const disabled = optionalBoolean(params, "disabled");
  const description = readDescription(ctx);
  const metadata = readMetadata(params);
  const endpoint = { ...stored.endpoint };
  if (url !== undefined) endpoint.url = readUrl(url);
  if (enabledEvents !== undefined) endpoint.enabled_events = enabledEvents;
  if (disabled !== undefined) endpoint.status = disabled ? "disabled" : "enabled";
  if (description !== undefined) endpoint.description = description === "" ? null : description;
  endpoint.metadata = mergeMetadata(endpoint.metadata as Record<string, string>, metadata);
  stored.endpoint = endpoint;
  return endpoint;
}

function findEndpoint(ctx: StripeRouteContext): StoredWebhookEndpoint {
  const id = ctx.pathParams.id ?? "";
  const stored = ctx.account.webhookEndpoints.find((item) => item.endpoint.id === id);
  if (!stored) throw noSuchObject("webhook endpoint", id);
  if (stored.endpoint.livemode !== ctx.livemode) {
    throw noSuchObject("webhook endpoint", id, { otherMode: stored.endpoint.livemode ? "live" : "test" });
  }
  return stored;
}

function readUrl(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw invalidRequest(`Invalid URL: ${value}`, { param: "url", code: "url_invalid" });
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw invalidRequest(`Invalid URL: An explicit scheme (such as https) must be provided.`, {
      param: "url",
      code: "url_invalid",
    });
  }
  if (value.length > 5000) throw invalidRequest(`Invalid URL: too long`, { param: "url", code: "url_invalid" });
  return value;
}

function readEnabledEvents(ctx: StripeRouteContext, required: boolean): string[] | undefined {
  const events = optionalStringArray(ctx.params, "enabled_events");
  if (events === undefined) {
    if (required) throw missingParam("enabled_events");
    return undefined;
  }
  if (events.length === 0) throw missingParam("enabled_events");
  events.forEach((event, index) => {
    if (!EVENT_NAME.test(event)) {
      throw invalidRequest(`Invalid enabled_events[${index}]: must be one of the event types Stripe sends, or '*'.`, {
        param: `enabled_events[${index}]`,
      });
    }
  });
  return [...new Set(events)];
}

function readDescription(ctx: StripeRouteContext): string | undefined {
  const description = optionalString(ctx.params, "description");
  if (description !== undefined && description.length > 5000) {
    throw invalidRequest("Description can be at most 5000 characters.", { param: "description" });
  }
  return description;
}
