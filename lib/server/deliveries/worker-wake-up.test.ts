// How work reaches a worker in another process (issue #13): PostgreSQL NOTIFY on the work channel, one LISTEN
// connection per working process that reconnects when its session dies, the in-process fast path kept, and
// two workers on one database never attempting one delivery twice. Real PostgreSQL, the fakes over HTTP.
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { localRunner, registerLocalWorker, wakeLocalWorker } from "@/lib/jobs/local/local-runner";
import { WORK_LISTENER_APPLICATION, WorkListener } from "@/lib/jobs/local/work-listener";
import { closeWorkNotices, sendWorkNotice, type WorkKind } from "@/lib/jobs/local/work-notices";
import { LocalWorker } from "@/lib/server/deliveries/local-worker";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import { parkActiveDeliveries } from "@/testing/db/fast-forward";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildCustomer } from "@/testing/stripe/builders/customer";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

beforeAll(() => {
  // The first outcome read waits a minute: these tests count sends only.
  process.env.IMPACT_POLL_DELAY = "60s";
});
const fakes = useFakes({ impact: { submissionTiming: { completeAfterMs: 0 } } });
const IMPACT_TOKEN = "wake-up-token";

/** A raw LISTEN session on the work channel, as another process would hold it. */
let observer: pg.Client;
const observed: string[] = [];
beforeAll(async () => {
  observer = new pg.Client({ connectionString: getEnv().DATABASE_URL });
  await observer.connect();
  observer.on("notification", ({ channel, payload }) => {
    if (channel === "portal_work") observed.push(payload ?? "");
  });
  await observer.query("LISTEN portal_work");
});
afterAll(async () => {
  await observer.end();
  await closeWorkNotices();
});

const stoppers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stoppers.splice(0).map((stop) => stop()));
  observed.length = 0;
});
beforeEach(parkActiveDeliveries);

async function paidInvoices(count: number) {
  const stripeAccount = fakes.stripe.addAccount({ keys: [{}] });
  const account = await createTestAccount();
  fakes.impact.addAccount({ sid: account.impactSid, authTokens: [IMPACT_TOKEN], companyName: account.companyName });
  const { integration } = await createTestIntegration({
    accountId: account.id,
    stripeApiKey: stripeAccount.keys[0]!.key,
    impactAuthToken: IMPACT_TOKEN,
  });
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const customer = buildCustomer({ metadata: { im_ref: `click-${n}` } });
    fakes.stripe.seed(stripeAccount.id, customer);
    const invoice = buildPaidInvoice({ billingReason: "subscription_create", customer: customer.id, amountPaid: 1500 });
    const stored = await storeStripeEvent(integration, buildEvent("invoice.paid", invoice), "webhook");
    ids.push(stored.deliveries[0]!.id);
  }
  return ids;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await delay(20);
  }
  return Date.now() - started;
}

function startListener(onNotice: (kind: WorkKind) => void = wakeLocalWorker) {
  const listener = new WorkListener(onNotice, { minBackoffMs: 50, maxBackoffMs: 200 });
  listener.start();
  stoppers.push(() => listener.stop());
  return listener;
}

describe("waking workers across processes", () => {
  it("wakes a sleeping worker with a NOTIFY long before its poll would", async () => {
    // Poll once a minute: only the notice can explain a delivery within seconds.
    const worker = new LocalWorker({ maxIdleMs: 60_000 });
    worker.start();
    stoppers.push(() => worker.stop());
    const listener = startListener();
    await listener.ready;
    await delay(500); // the worker has looked, found nothing, and sleeps

    await paidInvoices(1);
    await delay(1_000);
    expect(fakes.impact.conversions()).toHaveLength(0); // stored, not handed off: nobody looks

    await sendWorkNotice("deliveries");
    const elapsed = await until(() => fakes.impact.conversions().length === 1, 10_000);
    expect(elapsed).toBeLessThan(5_000);
  });

  it("hands work to other processes with a NOTIFY only when this process runs no worker of that kind", async () => {
    const delivery = { id: "d-1", kind: "conversion" as const, dueAt: new Date() };
    await localRunner.enqueue([delivery]);
    await localRunner.enqueueRewardCredits([{ id: "r-1" }]);
    await until(() => observed.length === 2, 5_000);
    expect(observed.sort()).toEqual(["deliveries", "rewards"]);

    // Nothing stored, nothing to wake; a worker of this process is woken directly, without a round trip.
    observed.length = 0;
    let woken = 0;
    const unregister = registerLocalWorker({ notify: () => woken++ });
    try {
      await localRunner.enqueue([]);
      await localRunner.enqueue([delivery]);
      await delay(500);
      expect(woken).toBe(1);
      expect(observed).toEqual([]);
    } finally {
      unregister();
    }
  });

  it("coalesces a burst of notices: one on the wire and one after it, never one per commit", async () => {
    await Promise.all(Array.from({ length: 50 }, () => sendWorkNotice("deliveries")));
    await delay(300);
    expect(observed.length).toBeGreaterThanOrEqual(1);
    expect(observed.length).toBeLessThanOrEqual(2);

    // A call made while a notice is on the wire is carried by one that leaves after it.
    observed.length = 0;
    void sendWorkNotice("deliveries");
    await delay(0);
    await sendWorkNotice("rewards");
    await until(() => observed.includes("rewards"), 2_000);
  });

  it("listens again after its session is terminated, and notices reach it again", async () => {
    const received: WorkKind[] = [];
    const listener = startListener((kind) => received.push(kind));
    await listener.ready;
    expect(listener.connections).toBe(1);

    const terminated = await prisma.$queryRaw<{ terminated: boolean }[]>`
      SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ${WORK_LISTENER_APPLICATION}`;
    expect(terminated).toEqual([{ terminated: true }]);

    await until(() => listener.connections === 2, 5_000);
    // Reconnected, it wakes everyone once (notices sent while it was away are lost), then hears new ones.
    expect(received.slice(-2).sort()).toEqual(["deliveries", "rewards"]);
    received.length = 0;
    await sendWorkNotice("rewards");
    await until(() => received.includes("rewards"), 2_000);
  });

  it("never lets two workers on one database attempt the same delivery", async () => {
    const ids = await paidInvoices(40);
    const first = new LocalWorker({ concurrency: 4 });
    const second = new LocalWorker({ concurrency: 4 });

    const [a, b] = await Promise.all([first.drain(), second.drain()]);

    expect(a + b).toBe(ids.length); // every claim counted once, by one of the two
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const attempts = await prisma.deliveryAttempt.groupBy({
      by: ["deliveryId"],
      where: { deliveryId: { in: ids }, requestMethod: "POST" },
      _count: true,
    });
    expect(attempts).toHaveLength(ids.length);
    expect(attempts.every((row) => row._count === 1)).toBe(true);
    const orders = fakes.impact.conversions().map((conversion) => conversion.params.OrderId);
    expect(orders).toHaveLength(ids.length);
    expect(new Set(orders).size).toBe(ids.length);
  });
});
