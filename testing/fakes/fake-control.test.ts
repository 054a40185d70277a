import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeImpactControl, createFakeStripeControl, FakeControlError } from "@/testing/fakes/fake-control";
import { type FakeImpact, startFakeImpact } from "@/testing/fakes/fake-impact";
import { type FakeStripe, startFakeStripe } from "@/testing/fakes/fake-stripe";
import {
  buildCharge,
  buildCheckoutLineItem,
  buildCheckoutSession,
  buildEvent,
  buildProduct,
} from "@/testing/stripe/builders";

// These tests use only the HTTP control API, as a Playwright spec in another process would.
let stripeFake: FakeStripe;
let impactFake: FakeImpact;

beforeAll(async () => {
  [stripeFake, impactFake] = await Promise.all([startFakeStripe(), startFakeImpact()]);
});
afterAll(() => Promise.all([stripeFake.close(), impactFake.close()]));

describe("fake Stripe over HTTP", () => {
  it("creates accounts and keys, seeds objects, and injects failures", async () => {
    const control = createFakeStripeControl(stripeFake.url);
    await control.reset();
    expect(await control.health()).toMatchObject({ ok: true });
    const account = await control.addAccount({
      id: "acct_1Remote00000000000000",
      keys: [{ key: "sk_test_remote0001" }],
    });
    expect(account.keys[0]?.livemode).toBe(false);
    const restricted = await control.addKey(account.id, {
      kind: "restricted",
      missingPermissions: ["rak_charge_read"],
    });
    const stripe = new Stripe("sk_test_remote0001", stripeFake.clientConfig);

    const product = buildProduct({ name: "Mug" });
    const session = buildCheckoutSession({ mode: "payment" });
    const charge = buildCharge({ amount: 1234 });
    await control.seed(account.id, product, charge);
    await control.seedCheckoutSession(account.id, session, [buildCheckoutLineItem({ product: product.id })]);
    expect((await stripe.charges.retrieve(charge.id)).amount).toBe(1234);
    const items = await stripe.checkout.sessions.listLineItems(session.id, { expand: ["data.price.product"] });
    expect((items.data[0]!.price!.product as Stripe.Product).name).toBe("Mug");
    expect(await control.getObject<Stripe.Charge>(account.id, charge.id)).toMatchObject({ amount: 1234 });
    await expect(new Stripe(restricted.key, stripeFake.clientConfig).charges.retrieve(charge.id)).rejects.toThrow(
      /'rak_charge_read'/,
    );

    await control.failNext(
      { method: "POST", path: "/v1/webhook_endpoints" },
      { kind: "error", status: 400, message: "Nope" },
    );
    await expect(stripe.webhookEndpoints.create({ url: "https://x.test", enabled_events: ["*"] })).rejects.toThrow(
      "Nope",
    );
    const created = await stripe.webhookEndpoints.create({ url: "https://x.test", enabled_events: ["*"] });
    expect((await control.webhookEndpoints(account.id)).map((e) => [e.id, e.secret])).toEqual([
      [created.id, created.secret],
    ]);
    expect((await control.requests({ path: "webhook_endpoints", method: "POST" })).map((r) => r.status)).toEqual([
      400, 200,
    ]);

    await control.clearRequests();
    expect(await control.requests()).toEqual([]);
    await control.reset();
    expect(await control.accounts()).toEqual([]);
  });

  it("sends a signed event to the registered endpoints", async () => {
    const control = createFakeStripeControl(stripeFake.url);
    await control.reset();
    const account = await control.addAccount({ keys: [{ key: "sk_test_remote0002" }] });
    const stripe = new Stripe("sk_test_remote0002", stripeFake.clientConfig);
    let secret = "";
    const seen: string[] = [];
    const receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        const event = stripe.webhooks.constructEvent(body, req.headers["stripe-signature"] ?? "", secret);
        seen.push(event.id);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const port = (receiver.address() as AddressInfo).port;
      const endpoint = await stripe.webhookEndpoints.create({
        url: `http://127.0.0.1:${port}/hook`,
        enabled_events: ["charge.refunded"],
      });
      secret = endpoint.secret as string;
      const event = buildEvent("charge.refunded", buildCharge({ amountRefunded: 500 }));
      const deliveries = await control.sendEvent(account.id, event);
      expect(deliveries.map((d) => d.status)).toEqual([204]);
      expect(seen).toEqual([event.id]);
      expect(await control.deliveries()).toHaveLength(1);
      expect((await stripe.events.list()).data.map((e) => e.id)).toEqual([event.id]);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it("reports control mistakes as errors with the reason", async () => {
    const control = createFakeStripeControl(stripeFake.url);
    await expect(control.seed("acct_1Nobody", buildCharge())).rejects.toBeInstanceOf(FakeControlError);
    await expect(control.addAccount({ keys: [{ key: "pk_test_publishable" }] })).rejects.toThrow(/Invalid key/);
    await expect(control.failNext({}, { kind: "explode" } as never)).rejects.toThrow(/action.kind/);
  });
});

describe("fake impact.com over HTTP", () => {
  it("adds accounts, injects failures and chaos, reads recorded requests, goes down and up", async () => {
    const control = createFakeImpactControl(impactFake.url);
    await control.reset();
    await control.addAccount({ sid: "IRremote1", authTokens: ["t1"], companyName: "Remote Co" });
    const auth = `Basic ${Buffer.from("IRremote1:t1").toString("base64")}`;
    const info = () =>
      fetch(`${impactFake.url}/Advertisers/IRremote1/CompanyInformation`, {
        headers: { authorization: auth, accept: "application/json" },
      });

    expect(await (await info()).json()).toMatchObject({ CompanyName: "Remote Co" });
    await control.failNext({ path: "CompanyInformation", count: 1 }, { kind: "error", status: 500 });
    expect((await info()).status).toBe(500);
    await control.failNext({ pathRegex: "Company.*$" }, { kind: "rate-limit", resetSeconds: 5 });
    const limited = await info();
    expect([limited.status, limited.headers.get("x-ratelimit-reset")]).toEqual([429, "5"]);

    const requests = await control.requests({ path: "CompanyInformation" });
    expect(requests.map((r) => r.status)).toEqual([200, 500, 429]);
    expect(requests[0]).toMatchObject({ authSid: "IRremote1", authToken: "t1" });
    expect(await control.requests({ status: 500 })).toHaveLength(1);

    await control.setChaos({ seed: 7, outcomes: [{ probability: 1, action: { kind: "error", status: 502 } }] });
    expect((await info()).status).toBe(502);
    await control.setChaos(null);
    expect((await info()).status).toBe(200);

    await expect(control.setDown("refuse")).rejects.toThrow(/forMs/);
    await control.setDown("reset");
    await expect(info()).rejects.toThrow();
    await control.setDown(false);
    await control.setDown("refuse", { forMs: 200 });
    await expect(info()).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await info()).status).toBe(200);

    await control.clearRequests();
    expect(await control.requests()).toEqual([]);
  });
});

describe("fake impact.com's APISubmissions over HTTP", () => {
  const auth = `Basic ${Buffer.from("IRremote2:t2").toString("base64")}`;
  const convert = async (orderId: string, eventTypeId = "2001") => {
    const response = await fetch(`${impactFake.url}/Advertisers/IRremote2/Conversions`, {
      method: "POST",
      headers: {
        authorization: auth,
        accept: "application/json",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        CampaignId: "1001",
        EventTypeId: eventTypeId,
        EventDate: "2026-03-01T12:00:00.000Z",
        OrderId: orderId,
        CustomerId: "cus_remote",
        CurrencyCode: "USD",
        ItemSubTotal1: "19.99",
      }).toString(),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { QueuedUri: string }).QueuedUri;
  };
  const read = async (uri: string) =>
    (await (
      await fetch(`${impactFake.url}${uri}`, { headers: { authorization: auth, accept: "application/json" } })
    ).json()) as { Status: string; ErrorType: string; ErrorReason: string };

  it("sets the timing, rejects and stalls by rule, and lists the submissions", async () => {
    const control = createFakeImpactControl(impactFake.url);
    await control.reset();
    await control.addAccount({ sid: "IRremote2", authTokens: ["t2"] });

    expect(await control.setSubmissionTiming({ inProgressAfterMs: 0, completeAfterMs: 0 })).toEqual({
      inProgressAfterMs: 0,
      completeAfterMs: 0,
    });
    const rule = await control.rejectSubmissions({
      when: { actionTrackerId: "9999" },
      errorType: "Validation",
      errorReason: "ACTIONTRACKER_NOT_FOUND",
    });
    expect(rule).toMatchObject({ when: { actionTrackerId: "9999" }, remaining: null, outcome: { kind: "reject" } });
    await control.stallSubmissions({ when: { orderIdIncludes: "stall" }, count: 1 });
    expect((await control.submissionRules()).map((r) => r.outcome.kind)).toEqual(["reject", "stall"]);

    const rejected = await convert("in_remote_rejected", "9999");
    const stalled = await convert("in_remote_stall");
    const delivered = await convert("in_remote_ok");
    expect(await read(rejected)).toMatchObject({
      Status: "Complete",
      ErrorType: "Validation",
      ErrorReason: "ACTIONTRACKER_NOT_FOUND",
    });
    expect(await read(stalled)).toMatchObject({ Status: "In Progress" });
    expect(await read(delivered)).toMatchObject({ Status: "Complete", ErrorType: "", ErrorReason: "" });
    // The stall rule had one use; the reject rule stays until cleared.
    expect((await control.submissionRules()).map((r) => r.outcome.kind)).toEqual(["reject"]);

    const submissions = await control.submissions();
    expect(submissions.map((s) => [s.params.OrderId, s.status, s.error?.errorReason ?? null])).toEqual([
      ["in_remote_rejected", "Complete", "ACTIONTRACKER_NOT_FOUND"],
      ["in_remote_stall", "In Progress", null],
      ["in_remote_ok", "Complete", null],
    ]);
    expect(submissions[1]!.completeAt).toBe(Infinity);

    // Infinity travels as null and comes back as Infinity: submissions queued from now on never complete.
    expect(await control.setSubmissionTiming({ completeAfterMs: Infinity })).toEqual({
      inProgressAfterMs: 0,
      completeAfterMs: Infinity,
    });
    expect(await read(await convert("in_remote_never"))).toMatchObject({ Status: "In Progress" });
    expect(await control.submissionTiming()).toEqual({ inProgressAfterMs: 0, completeAfterMs: Infinity });

    await control.clearSubmissionRules();
    expect(await control.submissionRules()).toEqual([]);
    await control.setSubmissionTiming({ inProgressAfterMs: 0, completeAfterMs: 0 });
    expect(await read(await convert("in_remote_again", "9999"))).toMatchObject({ Status: "Complete", ErrorType: "" });

    await control.reset();
    expect(await control.submissions()).toEqual([]);
    expect(await control.submissionTiming()).toEqual({ inProgressAfterMs: 20, completeAfterMs: 50 });
  });

  it("runs several chaos configs from an array and lists them as an array", async () => {
    const control = createFakeImpactControl(impactFake.url);
    await control.reset();
    await control.addAccount({ sid: "IRremote2", authTokens: ["t2"] });
    const uri = await convert("in_remote_chaos");
    const readStatus = async () =>
      (await fetch(`${impactFake.url}${uri}`, { headers: { authorization: auth, accept: "application/json" } })).status;

    await control.setChaos([
      { seed: 1, path: "/Conversions", outcomes: [{ probability: 1, action: { kind: "error", status: 502 } }] },
      {
        seed: 2,
        method: "GET",
        pathRegex: "/APISubmissions/",
        outcomes: [{ probability: 1, action: { kind: "error", status: 503 } }],
      },
    ]);
    const { chaos } = await control.failures();
    expect(chaos.map((config) => [config.seed, config.method, config.path])).toEqual([
      [1, undefined, "/Conversions"],
      // a pathRegex comes back as the RegExp's String()
      [2, "GET", String(/\/APISubmissions\//)],
    ]);
    expect(await readStatus()).toBe(503);

    await control.setChaos({ seed: 3, path: "/Conversions", outcomes: [] });
    expect((await control.failures()).chaos).toHaveLength(1);
    expect(await readStatus()).toBe(200);
    await control.setChaos([]);
    expect((await control.failures()).chaos).toEqual([]);
    await control.setChaos(null);
    expect(await control.failures()).toEqual({ rules: [], chaos: [] });
  });
});
