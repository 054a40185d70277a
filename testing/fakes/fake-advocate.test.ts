// The fake Advocate's own behaviour: auth and error shapes, GraphQL, redeem semantics, signed webhooks to
// every subscription (checked with jose against the served JWKS), rotation, failure injection and the
// control client used from other processes.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { base64url, createLocalJWKSet, flattenedVerify, type JSONWebKeySet } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeAdvocate, startFakeAdvocate } from "@/testing/fakes/fake-advocate";
import { createFakeAdvocateControl } from "@/testing/fakes/fake-control";

const TENANT = "test_acme";
const KEY = "TEST_key_acme";
const basic = (key: string) => `Basic ${Buffer.from(`:${key}`).toString("base64")}`;

type Received = { body: string; headers: http.IncomingHttpHeaders };
let fake: FakeAdvocate;
let receiver: http.Server;
let receiverUrl: string;
let received: Received[] = [];
let answerStatus = 200;
const created: Array<{ tenantAlias: string; endpointUrl: string }> = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
      res.writeHead(answerStatus, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  fake = await startFakeAdvocate({
    tenants: [
      {
        alias: TENANT,
        apiKey: KEY,
        users: [{ id: "u1", accountId: "a1", customFields: { stripeCustomerId: "cus_1" } }],
        rewards: [{ id: "rew_1", accountId: "a1", userId: "u1", assignedCredit: 1000 }],
      },
      { alias: "live_tenant", apiKey: "LIVE_key" },
    ],
    onSubscriptionCreated: ({ tenantAlias, subscription }) =>
      created.push({ tenantAlias, endpointUrl: subscription.endpointUrl }),
  });
});
afterAll(async () => {
  await fake.stop();
  await new Promise((resolve) => receiver.close(resolve));
});
afterEach(async () => {
  await fake.reset();
  received = [];
  answerStatus = 200;
  created.length = 0;
});

function api(path: string, init: { method?: string; body?: unknown; key?: string; tenant?: string } = {}) {
  return fetch(`${fake.url}/api/v1/${encodeURIComponent(init.tenant ?? TENANT)}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: basic(init.key ?? KEY), "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const subscribe = (tenant = TENANT, key = KEY, endpointUrl = receiverUrl) =>
  api("/subscription", { method: "POST", body: { endpointUrl, name: "portal" }, tenant, key });

async function verifyWithJwks(body: string, header: string) {
  const jwks = (await (await fetch(`${fake.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  const [protectedHeader = "", , signature = ""] = header.split(".");
  const decoded = JSON.parse(Buffer.from(protectedHeader, "base64url").toString()) as { b64?: boolean };
  const payload = decoded.b64 === false ? body : base64url.encode(body);
  return flattenedVerify({ protected: protectedHeader, payload, signature }, createLocalJWKSet(jwks));
}

describe("authentication and errors", () => {
  it("answers 401 in Advocate's error shape for a wrong key or an unknown tenant", async () => {
    for (const response of [
      await api("/subscription", { key: "wrong" }),
      await api("/subscription", { tenant: "nope" }),
    ]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        statusCode: 401,
        message: "Invalid API key for this tenant",
        apiErrorCode: "UNAUTHORIZED",
      });
    }
    expect(fake.requests({ status: 401 })).toHaveLength(2);
  });

  it("records what the client sent, including the key used", async () => {
    await subscribe();
    expect(fake.requests({ method: "POST" })[0]).toMatchObject({
      tenant: TENANT,
      apiKey: KEY,
      body: { endpointUrl: receiverUrl, name: "portal" },
      status: 201,
    });
  });
});

describe("GraphQL reward(id)", () => {
  it("answers only the selected fields, for a variable or a literal id", async () => {
    const byVariable = await api("/graphql", {
      method: "POST",
      body: {
        query: "query R($id: ID!) { reward(id: $id) { id assignedCredit statuses } }",
        variables: { id: "rew_1" },
      },
    });
    expect(await byVariable.json()).toEqual({
      data: { reward: { id: "rew_1", assignedCredit: 1000, statuses: ["AVAILABLE"] } },
    });
    const byLiteral = await api("/graphql", { method: "POST", body: { query: '{ reward(id: "rew_1") { unit } }' } });
    expect(await byLiteral.json()).toEqual({ data: { reward: { unit: "STRIPE/USD" } } });
  });

  it("answers null for an unknown reward and GraphQL errors for an unknown field or query", async () => {
    const missing = await api("/graphql", { method: "POST", body: { query: '{ reward(id: "x") { id } }' } });
    expect(await missing.json()).toEqual({ data: { reward: null } });
    const badField = await api("/graphql", {
      method: "POST",
      body: { query: '{ reward(id: "rew_1") { id secret } }' },
    });
    expect(await badField.json()).toEqual({ errors: [{ message: 'Cannot query field "secret" on type "Reward".' }] });
    const other = await api("/graphql", { method: "POST", body: { query: "{ viewer { id } }" } });
    expect(((await other.json()) as { errors: unknown[] }).errors).toHaveLength(1);
  });

  it("derives statuses from dates unless they are forced", async () => {
    fake.setReward(TENANT, { id: "rew_p", accountId: "a1", userId: "u1", dateGiven: null });
    fake.setReward(TENANT, { id: "rew_x", accountId: "a1", userId: "u1", dateExpires: Date.now() - 1 });
    fake.setReward(TENANT, { id: "rew_f", accountId: "a1", userId: "u1", statuses: ["CANCELLED"] });
    expect(fake.reward(TENANT, "rew_p")?.statuses).toEqual(["PENDING"]);
    expect(fake.reward(TENANT, "rew_x")?.statuses).toEqual(["EXPIRED"]);
    expect(fake.reward(TENANT, "rew_f")?.statuses).toEqual(["CANCELLED"]);
  });
});

describe("redeem", () => {
  const redeem = (amount: number, unit = "STRIPE/USD", rewardId = "rew_1") =>
    api(`/credit/${rewardId}/redeem`, { method: "POST", body: { amount, unit } });

  it("is not idempotent: each call adds its amount, until the assigned credit is used up", async () => {
    expect((await redeem(400)).status).toBe(200);
    expect((await redeem(400)).status).toBe(200);
    expect(fake.reward(TENANT, "rew_1")).toMatchObject({ redeemedCredit: 800, statuses: ["AVAILABLE", "REDEEMED"] });
    const beyond = await redeem(400);
    expect(beyond.status).toBe(400);
    expect(await beyond.json()).toMatchObject({ apiErrorCode: "INSUFFICIENT_CREDIT" });
    expect((await redeem(200)).status).toBe(200);
    expect(fake.reward(TENANT, "rew_1")).toMatchObject({ redeemedCredit: 1000, statuses: ["REDEEMED"] });
    expect(fake.reward(TENANT, "rew_1")?.redemptions).toHaveLength(3);
  });

  it("refuses another unit, a pending reward, an unknown reward and a non-positive amount", async () => {
    fake.setReward(TENANT, { id: "rew_p", accountId: "a1", userId: "u1", dateGiven: null });
    expect((await redeem(100, "STRIPE/JPY")).status).toBe(400);
    expect(await (await redeem(100, "STRIPE/USD", "rew_p")).json()).toMatchObject({
      apiErrorCode: "REWARD_NOT_AVAILABLE",
    });
    expect((await redeem(100, "STRIPE/USD", "rew_none")).status).toBe(404);
    expect((await redeem(0)).status).toBe(400);
    expect(fake.reward(TENANT, "rew_1")?.redeemedCredit).toBe(0);
  });

  it("fails once with an injected 500, then redeems", async () => {
    fake.failNext({ path: "/redeem", action: { kind: "error", status: 500 } });
    const failed = await redeem(1000);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ statusCode: 500, apiErrorCode: "INTERNAL_ERROR" });
    expect(fake.reward(TENANT, "rew_1")?.redeemedCredit).toBe(0);
    expect((await redeem(1000)).status).toBe(200);
  });
});

describe("subscriptions and webhooks", () => {
  it("registers a URL once, tells the hook after answering, and deletes by the encoded URL", async () => {
    await subscribe();
    await subscribe();
    expect(fake.subscriptions(TENANT)).toHaveLength(1);
    await expect
      .poll(() => created)
      .toEqual([
        { tenantAlias: TENANT, endpointUrl: receiverUrl },
        { tenantAlias: TENANT, endpointUrl: receiverUrl },
      ]);
    const deleted = await api(`/subscription/${encodeURIComponent(receiverUrl)}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect(fake.subscriptions(TENANT)).toEqual([]);
    expect((await api(`/subscription/${encodeURIComponent(receiverUrl)}`, { method: "DELETE" })).status).toBe(404);
  });

  it("signs the exact bytes it POSTs with a key the JWKS serves, in both detached forms", async () => {
    await subscribe();
    const [delivery] = await fake.sendWebhook(TENANT, { type: "reward.created", data: { id: "rew_1" }, id: "evt_1" });
    expect(delivery).toMatchObject({ status: 200, eventId: "evt_1", endpointUrl: receiverUrl });
    const [got] = received;
    expect(got?.body).toBe(delivery?.body);
    expect(JSON.parse(got?.body ?? "")).toMatchObject({
      id: "evt_1",
      type: "reward.created",
      tenantAlias: TENANT,
      live: false,
    });
    const header = String(got?.headers["x-hook-jws-rfc-7797"]);
    expect(header).toMatch(/^[\w-]+\.\.[\w-]+$/);
    const verified = await verifyWithJwks(got?.body ?? "", header);
    expect(verified.protectedHeader).toMatchObject({ alg: "RS256", kid: fake.signingKid });
    expect(got?.headers["x-hook-signature"]).toBe(
      createHmac("sha1", KEY)
        .update(got?.body ?? "")
        .digest("base64"),
    );

    await fake.sendWebhook(TENANT, { type: "test", data: {} }, { signatureStyle: "b64false" });
    const b64false = received[1];
    await expect(
      verifyWithJwks(b64false?.body ?? "", String(b64false?.headers["x-hook-jws-rfc-7797"])),
    ).resolves.toBeTruthy();
    await expect(verifyWithJwks(`${got?.body} `, header)).rejects.toThrow();
  });

  it("posts to every subscription of the tenant only, reports non-200 answers and unreachable endpoints", async () => {
    await subscribe();
    await subscribe(TENANT, KEY, "http://127.0.0.1:9/unreachable");
    await subscribe("live_tenant", "LIVE_key", `${receiverUrl}?live`);
    answerStatus = 503;
    const deliveries = await fake.sendWebhook(TENANT, { type: "reward.created", data: {} });
    expect(deliveries.map((delivery) => delivery.status).sort()).toEqual([503, null]);
    expect(deliveries.find((delivery) => delivery.status === null)?.error).toBeTruthy();
    expect(received).toHaveLength(1);
    expect(fake.deliveries()).toHaveLength(2);
    const [live] = await fake.sendWebhook("live_tenant", { type: "test", data: {} });
    expect(JSON.parse(live?.body ?? "")).toMatchObject({ live: true });
  });

  it("rotates keys: the JWKS serves the new key first and keeps the old one unless told not to", async () => {
    const first = fake.signingKid;
    const second = await fake.rotateSigningKey();
    const kids = async () =>
      ((await (await fetch(`${fake.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet).keys.map((key) => key.kid);
    expect(await kids()).toEqual([second, first]);
    const third = await fake.rotateSigningKey({ keepPrevious: false });
    expect(await kids()).toEqual([third]);
    await fake.reset();
    expect(await kids()).toEqual([first]);
  });
});

describe("the control client", () => {
  it("drives the fake from another process over /_fake", async () => {
    const control = createFakeAdvocateControl(fake.url);
    expect(await control.health()).toMatchObject({ ok: true });
    await control.setUser(TENANT, { id: "u9", accountId: "a9", customFields: { stripeCustomerId: "cus_9" } });
    const reward = await control.setReward(TENANT, { id: "rew_9", accountId: "a9", userId: "u9", unit: "STRIPE/JPY" });
    expect(reward).toMatchObject({ currency: "JPY", statuses: ["AVAILABLE"] });
    await subscribe();
    expect(await control.subscriptions(TENANT)).toHaveLength(1);
    const [delivery] = await control.sendWebhook(TENANT, { type: "reward.created", data: reward });
    expect(delivery?.status).toBe(200);
    const signature = await control.signBody("{}");
    await expect(verifyWithJwks("{}", signature)).resolves.toBeTruthy();
    await control.failNext({ path: "/graphql" }, { kind: "error", status: 502 });
    expect((await api("/graphql", { method: "POST", body: {} })).status).toBe(502);
    expect(await control.requests({ path: "/graphql", status: 502 })).toHaveLength(1);
    const kid = await control.rotateSigningKey();
    expect(kid).toBe(fake.signingKid);
    expect((await control.tenant(TENANT)).users.map((user) => user.id)).toEqual(["u1", "u9"]);
    await control.reset();
    expect((await control.tenant(TENANT)).users.map((user) => user.id)).toEqual(["u1"]);
  });
});
