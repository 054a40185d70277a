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
