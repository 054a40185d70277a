// The Advocate clients against the fake Advocate over real HTTP: what each call sends, how each answer
// (and each failure) comes back, and that the recorded exchange never holds the API key.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { advocateRequest } from "@/lib/advocate/advocate-http";
import { readReward } from "@/lib/advocate/read-reward";
import { readAdvocateUser, stripeCustomerIdOf } from "@/lib/advocate/read-user";
import { redeemReward } from "@/lib/advocate/redeem-reward";
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  listWebhookSubscriptions,
} from "@/lib/advocate/subscriptions";
import { useFakes } from "@/testing/fakes/use-fakes";

const TENANT = "test_acme";
const API_KEY = "TEST_advocate_key_acme_0123456789";
const CREDS = { tenantAlias: TENANT, apiKey: API_KEY };
const ENDPOINT = "https://portal.example.test/api/webhooks/advocate/int_1";

const fakes = useFakes({
  advocate: {
    tenants: [
      {
        alias: TENANT,
        apiKey: API_KEY,
        users: [
          {
            id: "u1",
            accountId: "a1",
            email: "ada@example.test",
            firstName: "Ada",
            customFields: { stripeCustomerId: "cus_Ada123", plan: "pro" },
          },
          { id: "u2", accountId: "a2" },
        ],
        rewards: [
          { id: "rew_1", accountId: "a1", userId: "u1", unit: "STRIPE/USD", assignedCredit: 2500, name: "Referral" },
        ],
      },
    ],
  },
});

function expectNoKey(exchange: object) {
  expect(JSON.stringify(exchange)).not.toContain(API_KEY);
}

describe("subscriptions", () => {
  it("creates, lists and deletes a subscription with Basic auth (empty user, key as password)", async () => {
    const created = await createWebhookSubscription(CREDS, { endpointUrl: ENDPOINT, name: "Payments portal" });
    expect(created.ok && created.value).toMatchObject({ endpointUrl: ENDPOINT, name: "Payments portal" });
    // Advocate answers a bare 201: the subscription is the one asked for.
    expect(created.exchange).toMatchObject({ responseStatus: 201, responseBody: "" });
    const [request] = fakes.advocate.requests({ method: "POST", path: "/subscription" });
    expect(request).toMatchObject({ tenant: TENANT, apiKey: API_KEY, body: { endpointUrl: ENDPOINT } });

    const listed = await listWebhookSubscriptions(CREDS);
    expect(listed.ok && listed.value.map((each) => each.endpointUrl)).toEqual([ENDPOINT]);
    expect(listed.exchange).toMatchObject({
      method: "GET",
      url: `${fakes.advocate.url}/api/v1/${TENANT}/subscription`,
      responseStatus: 200,
      error: null,
    });

    const deleted = await deleteWebhookSubscription(CREDS, ENDPOINT);
    expect(deleted.ok).toBe(true);
    expect(deleted.exchange.responseStatus).toBe(204);
    expect(deleted.exchange.url).toBe(
      `${fakes.advocate.url}/api/v1/${TENANT}/subscription/${encodeURIComponent(ENDPOINT)}`,
    );
    expect(fakes.advocate.subscriptions(TENANT)).toEqual([]);
    const again = await deleteWebhookSubscription(CREDS, ENDPOINT);
    expect(!again.ok && again.failure.kind).toBe("not_found");
    for (const result of [created, listed, deleted, again]) expectNoKey(result.exchange);
  });

  it("answers unauthorized for a wrong key, with Advocate's message and error code", async () => {
    const result = await listWebhookSubscriptions({ tenantAlias: TENANT, apiKey: "wrong" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ kind: "unauthorized", status: 401, apiErrorCode: "UNAUTHORIZED" });
    expect(result.exchange.responseStatus).toBe(401);
  });

  it("classifies injected failures: 500 server, 429 rate limited with Retry-After, 400 client", async () => {
    fakes.advocate.failNext({ path: "/subscription", action: { kind: "error", status: 500 } });
    const server = await listWebhookSubscriptions(CREDS);
    expect(!server.ok && server.failure).toMatchObject({ kind: "server", status: 500 });

    fakes.advocate.failNext({ path: "/subscription", action: { kind: "rate-limit", retryAfterSeconds: 7 } });
    const limited = await listWebhookSubscriptions(CREDS);
    expect(!limited.ok && limited.failure).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 7000 });

    const client = await createWebhookSubscription(CREDS, { endpointUrl: "not a url", name: "x" });
    expect(!client.ok && client.failure).toMatchObject({ kind: "client", status: 400 });
  });

  it("answers network for a dropped connection and invalid_response for an unexpected shape", async () => {
    fakes.advocate.failNext({ path: "/subscription", action: { kind: "reset" } });
    const dropped = await listWebhookSubscriptions(CREDS);
    expect(!dropped.ok && dropped.failure).toMatchObject({ kind: "network", status: null });
    expect(dropped.exchange).toMatchObject({ responseStatus: null, responseBody: null });
    expect(dropped.exchange.error).toMatch(/network error/);

    const odd = await advocateRequest(CREDS, {
      method: "GET",
      path: "/subscription",
      schema: z.object({ subscriptions: z.array(z.string()) }),
    });
    expect(!odd.ok && odd.failure).toMatchObject({ kind: "invalid_response", status: 200 });
    expect(!odd.ok && odd.failure.message).toMatch(/unexpected shape/);
  });
});

describe("readReward", () => {
  it("reads the reward through GraphQL reward(id), statuses derived", async () => {
    const result = await readReward(CREDS, "rew_1");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      id: "rew_1",
      type: "CREDIT",
      unit: "STRIPE/USD",
      assignedCredit: 2500,
      redeemedCredit: 0,
      currency: "USD",
      accountId: "a1",
      userId: "u1",
      dateCancelled: null,
      statuses: ["AVAILABLE"],
      name: "Referral",
    });
    expect(result.exchange).toMatchObject({ method: "POST", url: `${fakes.advocate.url}/api/v1/${TENANT}/graphql` });
    expect(JSON.parse(result.exchange.requestBody)).toMatchObject({ variables: { id: "rew_1" } });
    expectNoKey(result.exchange);
  });

  it("answers not_found for a reward Advocate does not have", async () => {
    const result = await readReward(CREDS, "rew_missing");
    expect(!result.ok && result.failure).toMatchObject({ kind: "not_found", status: 200 });
  });

  it("answers unauthorized for a wrong key", async () => {
    const result = await readReward({ tenantAlias: TENANT, apiKey: "nope" }, "rew_1");
    expect(!result.ok && result.failure.kind).toBe("unauthorized");
  });
});

describe("readAdvocateUser", () => {
  it("reads the user with its customFields", async () => {
    const result = await readAdvocateUser(CREDS, "a1", "u1");
    expect(result.ok && result.value).toEqual({
      id: "u1",
      accountId: "a1",
      email: "ada@example.test",
      firstName: "Ada",
      customFields: { stripeCustomerId: "cus_Ada123", plan: "pro" },
    });
    expect(result.ok && stripeCustomerIdOf(result.value)).toBe("cus_Ada123");
  });

  it("reads a user without custom fields as {} and no Stripe customer", async () => {
    const result = await readAdvocateUser(CREDS, "a2", "u2");
    expect(result.ok && result.value.customFields).toEqual({});
    expect(result.ok && stripeCustomerIdOf(result.value)).toBeNull();
  });

  it("answers not_found for an unknown user, encoding each path segment", async () => {
    const result = await readAdvocateUser(CREDS, "a/1", "u 1");
    expect(!result.ok && result.failure).toMatchObject({
      kind: "not_found",
      status: 404,
      apiErrorCode: "USER_NOT_FOUND",
    });
    expect(result.exchange.url).toContain("/open/account/a%2F1/user/u%201");
  });
});

describe("redeemReward", () => {
  it("redeems the assigned credit once; a second redeem is refused as beyond the credit", async () => {
    const first = await redeemReward(CREDS, "rew_1", { amount: 2500, unit: "STRIPE/USD" });
    expect(first.ok && first.value).toMatchObject({ redeemedCredit: 2500 });
    expect(fakes.advocate.reward(TENANT, "rew_1")?.statuses).toEqual(["REDEEMED"]);
    const second = await redeemReward(CREDS, "rew_1", { amount: 2500, unit: "STRIPE/USD" });
    expect(!second.ok && second.failure).toMatchObject({
      kind: "client",
      status: 400,
      apiErrorCode: "INSUFFICIENT_CREDIT",
    });
    expect(fakes.advocate.reward(TENANT, "rew_1")?.redeemedCredit).toBe(2500);
  });

  it("reports an injected 500 as server and leaves the reward unredeemed", async () => {
    fakes.advocate.failNext({ path: "/redeem", action: { kind: "error", status: 500 } });
    const result = await redeemReward(CREDS, "rew_1", { amount: 2500, unit: "STRIPE/USD" });
    expect(!result.ok && result.failure.kind).toBe("server");
    expect(fakes.advocate.reward(TENANT, "rew_1")?.redeemedCredit).toBe(0);
  });
});
