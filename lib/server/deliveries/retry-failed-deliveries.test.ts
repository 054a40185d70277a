// "Retry all failed" in batches: counts, filters, scope and the audit trail (SPEC §8).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import type { EventFilters } from "@/lib/schemas/events";
import { retryFailedDeliveries } from "@/lib/server/deliveries/retry-failed-deliveries";
import type { EventScope } from "@/lib/server/events/event-scope";
import { createStaffUser } from "@/lib/server/staff/create-staff-user";
import { createTestEvent } from "@/testing/db/event-factories";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";

const enqueue = vi.hoisted(() => vi.fn(async (_deliveries: Array<{ id: string; generation?: number }>) => {}));
vi.mock("@/lib/jobs/get-job-runner", () => ({ getJobRunner: () => ({ name: "local", enqueue }) }));

beforeEach(() => enqueue.mockClear());

const at = (minute: number) => new Date(Date.UTC(2026, 10, 21, 9, minute));

async function runAll(scope: EventScope, filters: EventFilters, batchSize: number) {
  const batches = [];
  let cursor: string | null = null;
  do {
    const batch = await retryFailedDeliveries(scope, filters, { cursor, batchSize });
    batches.push(batch);
    cursor = batch.nextCursor;
  } while (cursor);
  return batches;
}

async function seedAccount() {
  const account = await createTestAccount();
  const shopA = (await createTestIntegration({ accountId: account.id })).integration;
  const shopB = (await createTestIntegration({ accountId: account.id })).integration;
  const exhaustedA = [];
  for (let minute = 0; minute < 5; minute++)
    exhaustedA.push((await createTestEvent(shopA, { receivedAt: at(minute), outcome: "exhausted" })).delivery!);
  const exhaustedB = (
    await createTestEvent(shopB, { receivedAt: at(10), outcome: "exhausted", type: "charge.refunded" })
  ).delivery!;
  const untouched = await Promise.all(
    (["delivered", "skipped", "retrying", "pending"] as const).map(
      async (outcome, index) => (await createTestEvent(shopA, { receivedAt: at(20 + index), outcome })).delivery!,
    ),
  );
  return {
    account,
    shopA,
    shopB,
    exhaustedA,
    exhaustedB,
    untouched,
    scope: { role: "brand", accountId: account.id } as EventScope,
  };
}

const statuses = async (ids: string[]) =>
  (await prisma.delivery.findMany({ where: { id: { in: ids } }, select: { status: true } }))
    .map((row) => row.status)
    .sort();

describe("retryFailedDeliveries", () => {
  it("replays every exhausted delivery matching the filters in batches, counting n of N", async () => {
    const seeded = await seedAccount();
    const batches = await runAll(seeded.scope, {}, 2);

    expect(batches.map(({ processed, replayed, total }) => ({ processed, replayed, total }))).toEqual([
      { processed: 2, replayed: 2, total: 6 },
      { processed: 2, replayed: 2, total: undefined },
      { processed: 2, replayed: 2, total: undefined },
      { processed: 0, replayed: 0, total: undefined },
    ]);
    const retried = [...seeded.exhaustedA, seeded.exhaustedB].map((delivery) => delivery.id);
    expect(await statuses(retried)).toEqual(Array(6).fill("pending"));
    expect(
      (await prisma.delivery.findMany({ where: { id: { in: retried } } })).every((row) => row.generation === 1),
    ).toBe(true);
    // Only failed ones: delivered stays delivered (no second conversion), skipped stays skipped.
    expect(await statuses(seeded.untouched.map((delivery) => delivery.id))).toEqual([
      "delivered",
      "pending",
      "retrying",
      "skipped",
    ]);
    expect(enqueue.mock.calls.flatMap(([deliveries]) => deliveries.map((delivery) => delivery.id)).sort()).toEqual(
      [...retried].sort(),
    );
    expect(await prisma.stripeEvent.count({ where: { accountId: seeded.account.id, outcome: "exhausted" } })).toBe(0);
  });

  it("keeps to the filters and the account", async () => {
    const seeded = await seedAccount();
    const stranger = await seedAccount();

    const [onlyB] = await runAll(seeded.scope, { integration: seeded.shopB.id }, 200);
    expect(onlyB).toMatchObject({ processed: 1, replayed: 1, total: 1, nextCursor: null });
    const [byType] = await runAll(seeded.scope, { type: "invoice.paid", to: at(2).toISOString() }, 200);
    expect(byType).toMatchObject({ processed: 3, replayed: 3, total: 3 });
    // The status filter cannot widen it: only exhausted deliveries are ever retried.
    const [delivered] = await runAll(seeded.scope, { status: "delivered" }, 200);
    expect(delivered).toMatchObject({ processed: 2, replayed: 2, total: 2 });
    expect(await statuses(seeded.untouched.map((delivery) => delivery.id))).toEqual([
      "delivered",
      "pending",
      "retrying",
      "skipped",
    ]);
    // A brand naming another account gets its own account anyway (where nothing failed any more).
    const [foreign] = await runAll(seeded.scope, { account: stranger.account.id }, 200);
    expect(foreign).toMatchObject({ processed: 0, total: 0 });
    expect(await statuses(stranger.exhaustedA.map((delivery) => delivery.id))).toEqual(Array(5).fill("exhausted"));
  });

  it("lets staff retry across accounts and audits each batch with the deliveries it queued", async () => {
    const first = await seedAccount();
    const second = await seedAccount();
    const staffUser = await createStaffUser({
      email: `retry-${first.account.id}@example.com`,
      password: "a long enough password",
    });
    const staff: EventScope = { role: "staff", staffUserId: staffUser.id };

    const [batch] = await runAll(staff, { account: second.account.id }, 200);
    expect(batch).toMatchObject({ processed: 6, replayed: 6, total: 6 });
    expect(await statuses(first.exhaustedA.map((delivery) => delivery.id))).toEqual(Array(5).fill("exhausted"));
    const audit = await prisma.auditLog.findMany({ where: { staffUserId: staffUser.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "deliveries.retry-failed",
      accountId: second.account.id,
      targetType: "events",
    });
    expect((audit[0]!.details as { deliveryIds: string[] }).deliveryIds.sort()).toEqual(
      [...second.exhaustedA, second.exhaustedB].map((delivery) => delivery.id).sort(),
    );
  });

  it("leaves unknown, sent and rejected deliveries alone: each waits for impact.com or for a person", async () => {
    const { integration } = await createTestIntegration();
    const scope: EventScope = { role: "brand", accountId: integration.accountId };
    const kept = await Promise.all(
      (["unknown", "sent", "rejected"] as const).map(
        async (outcome) => (await createTestEvent(integration, { outcome })).delivery!,
      ),
    );
    const failed = (await createTestEvent(integration, { outcome: "exhausted" })).delivery!;

    // Also when the list is filtered to one of them: only exhausted deliveries are ever retried in bulk.
    for (const status of [undefined, "unknown", "sent", "rejected"] as const) {
      await retryFailedDeliveries(scope, { status });
    }
    expect(await statuses(kept.map((delivery) => delivery.id))).toEqual(["rejected", "sent", "unknown"]);
    expect(await statuses([failed.id])).toEqual(["pending"]);
    expect(
      await prisma.delivery.count({ where: { id: { in: kept.map((delivery) => delivery.id) }, generation: 0 } }),
    ).toBe(3);
  });

  it("does nothing (and audits nothing) when nothing failed", async () => {
    const { account } = await createTestIntegration();
    const staffUser = await createStaffUser({
      email: `idle-${account.id}@example.com`,
      password: "a long enough password",
    });
    const batches = await runAll({ role: "staff", staffUserId: staffUser.id }, { account: account.id }, 200);
    expect(batches).toEqual([{ processed: 0, replayed: 0, total: 0, nextCursor: null }]);
    expect(await prisma.auditLog.count({ where: { staffUserId: staffUser.id } })).toBe(0);
  });
});
