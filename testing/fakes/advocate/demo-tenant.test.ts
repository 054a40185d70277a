// The demo tenant as `npm run demo` plays it: once a subscription exists, every reward arrives signed, the
// pending one twice (pending, then available), a refused delivery is retried, and each mapped participant's
// Stripe customer exists in the demo Stripe account with the reward's currency.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  DEMO_ADVOCATE,
  demoAdvocateTenant,
  seedDemoAdvocateCustomers,
  sendDemoRewards,
} from "@/testing/fakes/advocate/demo-tenant";
import { type FakeAdvocate, startFakeAdvocate } from "@/testing/fakes/fake-advocate";
import { type FakeStripe, startFakeStripe } from "@/testing/fakes/fake-stripe";

const DEMO = { stripeAccount: "acct_1DemoAdvocateTest", stripeKey: "sk_test_demo_advocate_test" };
let stripe: FakeStripe;
let advocate: FakeAdvocate;
let receiver: http.Server;
let endpointUrl: string;
const received: Array<{ id: string; type: string; data: { id: string; statuses: string[] } }> = [];
let refuseFirst = true;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    req.on("end", () => {
      // The first delivery fails, as a portal not yet ready would: the demo must retry it.
      if (refuseFirst) {
        refuseFirst = false;
        return res.writeHead(503).end();
      }
      received.push(JSON.parse(text));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  endpointUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/advocate/int_demo`;
  stripe = await startFakeStripe({ accounts: [{ id: DEMO.stripeAccount, keys: [{ key: DEMO.stripeKey }] }] });
  advocate = await startFakeAdvocate({ tenants: [demoAdvocateTenant()] });
});
afterAll(async () => {
  await Promise.all([stripe.close(), advocate.close()]);
  await new Promise((resolve) => receiver.close(resolve));
});

it("seeds the participants' Stripe customers with their rewards' currencies", async () => {
  seedDemoAdvocateCustomers(stripe, DEMO.stripeAccount);
  const sdk = new Stripe(DEMO.stripeKey, stripe.clientConfig);
  const tenant = advocate.tenant(DEMO_ADVOCATE.tenantAlias);
  const mapped = tenant.users.filter((user) => typeof user.customFields.stripeCustomerId === "string");
  expect(tenant.users.length - mapped.length).toBe(1);
  for (const user of mapped) {
    const customer = (await sdk.customers.retrieve(String(user.customFields.stripeCustomerId))) as Stripe.Customer;
    const rewards = tenant.rewards.filter((reward) => reward.userId === user.id && reward.type === "CREDIT");
    for (const reward of rewards) expect(`STRIPE/${customer.currency?.toUpperCase()}`).toBe(reward.unit);
  }
  expect(new Set(tenant.rewards.map((reward) => reward.unit))).toEqual(new Set(["STRIPE/USD", "STRIPE/JPY", null]));
});

it("sends every reward to the new subscription, retrying a refused delivery, and the pending one again", async () => {
  await fetch(`${advocate.url}/api/v1/${DEMO_ADVOCATE.tenantAlias}/subscription`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`:${DEMO_ADVOCATE.apiKey}`).toString("base64")}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ endpointUrl, name: "portal" }),
  });
  await sendDemoRewards(advocate, endpointUrl, {
    timing: { firstDelayMs: 0, retryEveryMs: 10 },
    pendingForMs: 300,
  });
  const rewardIds = received.map((event) => event.data.id);
  expect(new Set(rewardIds)).toEqual(new Set(demoAdvocateTenant().rewards?.map((reward) => reward.id)));
  const pending = received.filter((event) => event.data.id === "rew_demo_pending_ada");
  expect(pending.map((event) => event.data.statuses)).toEqual([["PENDING"], ["AVAILABLE"]]);
  expect(received.every((event) => event.type === "reward.created")).toBe(true);
  expect(advocate.deliveries().filter((delivery) => delivery.status === 503)).toHaveLength(1);
});
