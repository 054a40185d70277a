// After kill -9 of a portal, its leased deliveries waited LEASE_MS (5 min) before anyone retried them.
// Workers now prove they are alive with a PostgreSQL advisory lock; a dead worker's leases are released
// at once, a live worker's never. Found by `npm run drill` (kill -9 drill).
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { claimDueDeliveries } from "@/lib/server/deliveries/claim-due-deliveries";
import { LocalWorker } from "@/lib/server/deliveries/local-worker";
import { releaseOrphanedLeases } from "@/lib/server/deliveries/release-orphaned-leases";
import { WorkerPresence } from "@/lib/server/deliveries/worker-presence";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { createConnectedIntegration } from "@/testing/fakes/connected-integration";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

const fakes = useFakes();
const presences: WorkerPresence[] = [];

async function present(): Promise<WorkerPresence> {
  const presence = new WorkerPresence();
  presences.push(presence);
  expect(await presence.ensure()).toBe(true);
  return presence;
}

async function dueConversions(count: number): Promise<string[]> {
  const { integration } = await createConnectedIntegration(fakes);
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const stored = await storeStripeEvent(
      integration,
      buildEvent("invoice.paid", buildPaidInvoice({ billingReason: "subscription_create" })),
      "webhook",
    );
    ids.push(stored.deliveries[0]!.id);
  }
  return ids;
}

afterEach(async () => {
  await Promise.all(presences.splice(0).map((presence) => presence.release()));
  await prisma.delivery.updateMany({
    where: { status: { in: ["pending", "retrying"] } },
    data: { status: "skipped", dueAt: null },
  });
});

describe("orphaned leases", () => {
  it("releases the leases of a worker whose process died, and only those", async () => {
    const [deadOnes, liveOnes] = [await dueConversions(2), await dueConversions(1)];
    const dead = await present();
    const live = await present();
    const sweeper = await present();
    await claimDueDeliveries(2, dead.tokenPrefix);
    await claimDueDeliveries(1, live.tokenPrefix);
    await dead.release(); // what kill -9 does: PostgreSQL ends the session and drops its lock

    const released = await releaseOrphanedLeases(sweeper.tokenPrefix, []);

    expect(released.sort()).toEqual([...deadOnes].sort());
    const live_ = await prisma.delivery.findUniqueOrThrow({ where: { id: liveOnes[0]! } });
    expect(live_.leaseToken).toMatch(new RegExp(`^${live.tokenPrefix.replace(".", "\\.")}`));
    expect(live_.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("releases a worker's own leases it is no longer attempting, but not the ones in progress", async () => {
    const ids = await dueConversions(2);
    const self = await present();
    const claimed = await claimDueDeliveries(2, self.tokenPrefix);
    const [inProgress, abandoned] = [claimed[0]!.id, claimed[1]!.id];

    expect(await releaseOrphanedLeases(self.tokenPrefix, [inProgress])).toEqual([abandoned]);
    expect(ids.sort()).toEqual([inProgress, abandoned].sort());
  });

  it("leaves leases without a worker key (Inngest's) to expire", async () => {
    await dueConversions(1);
    await claimDueDeliveries(1);
    const sweeper = await present();
    expect(await releaseOrphanedLeases(sweeper.tokenPrefix, [])).toEqual([]);
  });

  it("lets a restarted worker deliver a dead worker's conversions within seconds, each once", async () => {
    const ids = await dueConversions(3);
    const dead = await present();
    await claimDueDeliveries(3, dead.tokenPrefix);
    await dead.release();

    const restarted = new LocalWorker({ impactTimeoutMs: 1_000 });
    restarted.start();
    try {
      await expect
        // Sent to impact.com (its outcome is read later, IMPACT_POLL_DELAY): the lease was released in time.
        .poll(() => prisma.delivery.count({ where: { id: { in: ids }, status: { in: ["sent", "delivered"] } } }), {
          timeout: 5_000,
        })
        .toBe(3);
    } finally {
      await restarted.stop();
    }
    expect(fakes.impact.conversions()).toHaveLength(3);
  });

  it("keeps its key across a lost session, so its leases stay its own", async () => {
    const presence = await present();
    const key = presence.key;
    await prisma.$executeRawUnsafe(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND ((classid::bigint << 32) | objid::bigint) = ${key}`,
    );
    await expect
      .poll(
        () =>
          presence
            .ensure()
            .then(() =>
              prisma.$queryRawUnsafe<{ n: bigint }[]>(
                `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = ${key}`,
              ),
            )
            .then((rows) => Number(rows[0]!.n)),
        { timeout: 5_000 },
      )
      .toBe(1);
    expect(presence.key).toBe(key);
  });
});
