// The demo stream as a part of the fake Stripe: off unless turned on, one stream per endpoint of the
// chosen account, signed posts to that endpoint only with the step's objects already readable, Stripe's
// retries of an unanswered delivery, and a clean stop (setting off, endpoint deleted, reset, close).
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_EVENT_TYPES } from "@/lib/mapping/plan-deliveries";
import { createFakeStripeControl } from "@/testing/fakes/fake-control";
import { type FakeStripe, startFakeStripe } from "@/testing/fakes/fake-stripe";
import { buildDemoScenario } from "@/testing/fakes/stripe/demo-scenario";

type Received = { endpoint: string; event: Stripe.Event; hadObject: boolean; at: number };

let fake: FakeStripe;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
/** Answers for the posts of the first event received (then 200); every other event is answered 200. */
const firstEventAnswers: number[] = [];
let firstEventId: string | undefined;
const secrets = new Map<string, string>();

beforeAll(async () => {
  receiver = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const endpoint = (req.url ?? "").slice(1);
    // Signed with the endpoint's own secret, exactly as the portal verifies it.
    const event = Stripe.webhooks.constructEvent(
      Buffer.concat(chunks).toString(),
      String(req.headers["stripe-signature"]),
      secrets.get(endpoint) ?? "",
    );
    const object = event.data.object as { id: string };
    const hadObject = fake.getObject(ACCOUNT, object.id) !== undefined;
    received.push({ endpoint, event, hadObject, at: Date.now() });
    firstEventId ??= event.id;
    res.writeHead(event.id === firstEventId ? (firstEventAnswers.shift() ?? 200) : 200).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  fake = await startFakeStripe({
    accounts: [
      { id: ACCOUNT, keys: [{ key: KEY }] },
      { id: OTHER, keys: [{}] },
    ],
  });
});
afterEach(() => {
  fake.reset();
  received.length = 0;
  firstEventAnswers.length = 0;
  firstEventId = undefined;
});
afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const ACCOUNT = "acct_1DemoStreamTest0001";
const OTHER = "acct_1DemoStreamTest0002";
const KEY = "sk_test_demo_stream_0000000000000001";
const SCALE = 0.004; // the 250 s schedule in one second

async function createEndpoint(name: string, key = KEY) {
  const endpoint = await fake
    .client(key)
    .webhookEndpoints.create({ url: `${receiverUrl}/${name}`, enabled_events: [...WEBHOOK_EVENT_TYPES] });
  secrets.set(name, endpoint.secret!);
  return endpoint;
}

const streamEnded = async () => {
  for (let i = 0; i < 300; i++) {
    const { streams } = fake.demoStreams();
    if (streams.length > 0 && streams.every((stream) => stream.endedBecause !== null)) return streams;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`streams still playing: ${JSON.stringify(fake.demoStreams())}`);
};

describe("the demo scenario", () => {
  it("is in time order at distinct whole seconds, with fresh ids per call, only subscribed event types, most kinds in the first 35 s", () => {
    const steps = buildDemoScenario(1_800_000_000);
    const times = steps.map((step) => step.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    expect(times.every(Number.isInteger)).toBe(true);
    expect(new Set(steps.map((step) => step.key)).size).toBe(steps.length);
    expect(steps.every((step) => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(step.event.type))).toBe(true);
    expect(steps.every((step) => step.event.created === 1_800_000_000 + step.at)).toBe(true);
    const firstMinute = steps.filter((step) => step.at <= 35);
    expect(new Set(firstMinute.map((step) => step.event.type))).toEqual(new Set(WEBHOOK_EVENT_TYPES));
    expect(firstMinute.flatMap((step) => (step.impact ? [step.impact.kind] : []))).toEqual([
      "reject",
      "fail-then-accept",
    ]);
    const again = buildDemoScenario(1_800_000_000);
    expect(again.map((step) => step.event.id).filter((id) => steps.some((step) => step.event.id === id))).toEqual([]);
  });
});

describe("the demo stream", () => {
  it("is off unless turned on: a new endpoint gets no traffic", async () => {
    await createEndpoint("quiet");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.demoStreams()).toEqual({ settings: null, streams: [] });
    expect(received).toEqual([]);
  });

  it("plays the scenario to each new endpoint of the account on its own, signed, objects seeded first, logged as events", async () => {
    fake.setDemoStream({ accountId: ACCOUNT, timeScale: SCALE });
    await createEndpoint("first");
    await createEndpoint("second");
    await createEndpoint("elsewhere", fake.account(OTHER).keys[0]!.key);
    const streams = await streamEnded();

    expect(streams.map((stream) => [stream.endpointId.startsWith("we_"), stream.endedBecause])).toEqual([
      [true, `finished: ${streams[0]!.stepsTotal} events sent`],
      [true, `finished: ${streams[0]!.stepsTotal} events sent`],
    ]);
    const total = streams[0]!.stepsTotal;
    expect(received.filter((post) => post.endpoint === "first")).toHaveLength(total);
    expect(received.filter((post) => post.endpoint === "second")).toHaveLength(total);
    expect(received.filter((post) => post.endpoint === "elsewhere")).toEqual([]);
    // Two streams, two stories: no event or object id shared between them.
    const ids = (name: string) =>
      new Set(received.filter((post) => post.endpoint === name).map((post) => post.event.id));
    expect([...ids("first")].filter((id) => ids("second").has(id))).toEqual([]);
    expect(received.every((post) => post.hadObject)).toBe(true);
    const listed = await fake.client(KEY).events.list({ limit: 100 });
    expect(listed.data).toHaveLength(2 * total);
    expect(streams[0]!.sent.map((step) => step.statuses)).toEqual(Array(total).fill([200]));
  });

  it("retries a delivery the endpoint did not answer with 2xx, beside the schedule", async () => {
    fake.setDemoStream({ accountId: ACCOUNT, timeScale: SCALE });
    firstEventAnswers.push(503, 500);
    await createEndpoint("flaky");
    const [stream] = await streamEnded();
    expect(stream!.sent[0]!.statuses).toEqual([503, 500, 200]);
    expect(stream!.sent.slice(1).every((step) => step.statuses.join() === "200")).toBe(true);
    expect(received.filter((post) => post.event.id === stream!.sent[0]!.eventId)).toHaveLength(3);
  });

  it("stops when its endpoint is deleted, when turned off, and on reset", async () => {
    fake.setDemoStream({ accountId: ACCOUNT, timeScale: 0.05 });
    const deleted = await createEndpoint("deleted");
    const kept = await createEndpoint("kept");
    await new Promise((resolve) => setTimeout(resolve, 120));
    await fake.client(KEY).webhookEndpoints.del(deleted.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const byEndpoint = (id: string) => fake.demoStreams().streams.find((stream) => stream.endpointId === id)!;
    expect(byEndpoint(deleted.id).endedBecause).toBe("its webhook endpoint was deleted");
    expect(byEndpoint(kept.id).endedBecause).toBeNull();

    const status = fake.setDemoStream(null);
    expect(status.settings).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(byEndpoint(kept.id).endedBecause).toBe("stopped");
    const count = received.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toHaveLength(count);

    fake.setDemoStream({ accountId: ACCOUNT, timeScale: 0.05 });
    await createEndpoint("reset");
    fake.reset();
    expect(fake.demoStreams()).toEqual({ settings: null, streams: [] });
  });

  it("is driven over HTTP by the control client, which refuses a bad setting", async () => {
    const control = createFakeStripeControl(fake.url);
    expect(await control.setDemoStream({ accountId: ACCOUNT, timeScale: 0.5 })).toEqual({
      settings: { accountId: ACCOUNT, timeScale: 0.5 },
      streams: [],
    });
    await createEndpoint("controlled");
    expect((await control.demoStreams()).streams).toHaveLength(1);
    await expect(control.setDemoStream({ accountId: ACCOUNT, timeScale: 0 })).rejects.toThrow(
      /timeScale must be a number over 0 and at most 10/,
    );
    await expect(control.setDemoStream({ accountId: "acct_1Nobody" })).rejects.toThrow(/Unknown account/);
    expect((await control.setDemoStream(null)).settings).toBeNull();
  });
});
