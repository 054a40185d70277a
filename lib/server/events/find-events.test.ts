// The delivery log query against real PostgreSQL: every filter, the search, keyset pagination and
// the account scope (SPEC §8).
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { type EventListQuery, parseEventListQuery } from "@/lib/schemas/events";
import type { EventScope } from "@/lib/server/events/event-scope";
import { findEvents } from "@/lib/server/events/find-events";
import { createTestEvent } from "@/testing/db/event-factories";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 12, minute, 0, 0));
const query = (raw: Record<string, string>): EventListQuery => {
  const parsed = parseEventListQuery(raw);
  if (!parsed.ok) throw new Error(parsed.errors.join(" "));
  return parsed.query;
};
const ids = (page: { items: Array<{ stripeEventId: string }> }) => page.items.map((item) => item.stripeEventId);

let brand: EventScope;
let other: EventScope;
const staff: EventScope = { role: "staff", staffUserId: "staff-1" };
let shopA: { id: string; accountId: string };
let shopB: { id: string; accountId: string };
let otherShop: { id: string; accountId: string };

beforeAll(async () => {
  const account = await createTestAccount();
  shopA = (await createTestIntegration({ accountId: account.id })).integration;
  shopB = (await createTestIntegration({ accountId: account.id })).integration;
  otherShop = (await createTestIntegration()).integration;
  brand = { role: "brand", accountId: account.id };
  other = { role: "brand", accountId: otherShop.accountId };
  // Minutes 0..9 on shop A, alternating outcomes and types; 10..11 on shop B; one on another account.
  const outcomes = ["delivered", "exhausted", "retrying", "skipped", "ignored"] as const;
  for (let minute = 0; minute < 10; minute++) {
    await createTestEvent(shopA, {
      receivedAt: at(minute),
      stripeEventId: `evt_a${minute}`,
      outcome: outcomes[minute % 5],
      type: minute % 2 === 0 ? "invoice.paid" : "checkout.session.completed",
      customerId: minute < 3 ? "cus_early" : `cus_a${minute}`,
      orderId: `in_a${minute}`,
    });
  }
  await createTestEvent(shopB, {
    receivedAt: at(10),
    stripeEventId: "evt_b10",
    outcome: "exhausted",
    orderId: "in_shared",
  });
  await createTestEvent(shopB, {
    receivedAt: at(11),
    stripeEventId: "evt_b11",
    type: "charge.refunded",
    orderId: "pi_b11",
  });
  await createTestEvent(otherShop, {
    receivedAt: at(5),
    stripeEventId: "evt_other",
    outcome: "exhausted",
    orderId: "in_shared",
    customerId: "cus_early",
  });
});

describe("findEvents", () => {
  it("lists the account's events newest first with their delivery, never another account's", async () => {
    const page = await findEvents(brand, {});
    expect(ids(page)).toEqual([
      "evt_b11",
      "evt_b10",
      "evt_a9",
      "evt_a8",
      "evt_a7",
      "evt_a6",
      "evt_a5",
      "evt_a4",
      "evt_a3",
      "evt_a2",
      "evt_a1",
      "evt_a0",
    ]);
    expect(page.nextCursor).toBeNull();
    const exhausted = page.items.find((item) => item.stripeEventId === "evt_a1")!;
    expect(exhausted).toMatchObject({
      outcome: "exhausted",
      orderId: "in_a1",
      integration: { id: shopA.id, siteUrl: "https://shop.example.com", mode: "test" },
      delivery: {
        status: "exhausted",
        attemptCount: 1,
        lastStatusCode: 400,
        lastError: "impact.com rejected the request (400)",
      },
    });
    expect(page.items.find((item) => item.stripeEventId === "evt_a3")).toMatchObject({
      outcome: "skipped",
      reason: "manual invoice",
    });
    expect(page.items.find((item) => item.stripeEventId === "evt_a4")).toMatchObject({
      outcome: "ignored",
      reason: "event type not mapped",
      delivery: null,
    });
    expect(ids(await findEvents(other, {}))).toEqual(["evt_other"]);
  });

  it("filters by the statuses of a submission's outcome and carries impact.com's words for a rejected one", async () => {
    const { integration } = await createTestIntegration();
    const own: EventScope = { role: "brand", accountId: integration.accountId };
    for (const outcome of ["sent", "rejected", "unknown", "delivered"] as const)
      await createTestEvent(integration, { stripeEventId: `evt_${outcome}_${integration.id}`, outcome });
    for (const status of ["sent", "rejected", "unknown"] as const)
      expect(ids(await findEvents(own, query({ status })))).toEqual([`evt_${status}_${integration.id}`]);
    const [rejected] = (await findEvents(own, query({ status: "rejected" }))).items;
    expect(rejected).toMatchObject({
      outcome: "rejected",
      delivery: { status: "rejected", impactErrorType: "Validation", impactErrorReason: "ACTIONTRACKER_NOT_FOUND" },
    });
  });

  it("filters by integration, type, status and date range", async () => {
    expect(ids(await findEvents(brand, query({ integration: shopB.id })))).toEqual(["evt_b11", "evt_b10"]);
    expect(ids(await findEvents(brand, query({ type: "charge.refunded" })))).toEqual(["evt_b11"]);
    expect(ids(await findEvents(brand, query({ status: "exhausted" })))).toEqual(["evt_b10", "evt_a6", "evt_a1"]);
    expect(
      ids(await findEvents(brand, query({ status: "exhausted", integration: shopA.id, type: "invoice.paid" }))),
    ).toEqual(["evt_a6"]);
    expect(ids(await findEvents(brand, query({ from: at(3).toISOString(), to: at(5).toISOString() })))).toEqual([
      "evt_a5",
      "evt_a4",
      "evt_a3",
    ]);
    // A bare date covers the whole UTC day.
    expect((await findEvents(brand, query({ from: "2026-11-20", to: "2026-11-20" }))).items).toHaveLength(12);
    expect((await findEvents(brand, query({ from: "2026-11-21" }))).items).toHaveLength(0);
    expect((await findEvents(brand, query({ to: "2026-11-19" }))).items).toHaveLength(0);
  });

  it("an integration of another account finds nothing for a brand", async () => {
    expect((await findEvents(brand, query({ integration: otherShop.id }))).items).toEqual([]);
  });

  it("searches by Stripe event id, OrderId or customer id, exactly and within the scope", async () => {
    expect(ids(await findEvents(brand, query({ q: "evt_a7" })))).toEqual(["evt_a7"]);
    expect(ids(await findEvents(brand, query({ q: "in_a4" })))).toEqual([]); // ignored: no delivery, no OrderId
    expect(ids(await findEvents(brand, query({ q: "in_a5" })))).toEqual(["evt_a5"]);
    expect(ids(await findEvents(brand, query({ q: "cus_early" })))).toEqual(["evt_a2", "evt_a1", "evt_a0"]);
    expect(ids(await findEvents(brand, query({ q: "in_shared" })))).toEqual(["evt_b10"]);
    expect(ids(await findEvents(brand, query({ q: "evt_other" })))).toEqual([]);
    expect(ids(await findEvents(brand, query({ q: "evt_a" })))).toEqual([]); // exact match, not a prefix
    expect(ids(await findEvents(brand, query({ q: "cus_early", status: "exhausted" })))).toEqual(["evt_a1"]);
  });

  it("lets staff see every account, or one", async () => {
    expect(ids(await findEvents(staff, query({ q: "in_shared" })))).toEqual(["evt_b10", "evt_other"]);
    expect(ids(await findEvents(staff, query({ account: otherShop.accountId })))).toEqual(["evt_other"]);
    const all = await findEvents(staff, {}, { limit: 1000 });
    expect(all.items.map((item) => item.account.id)).toEqual(
      expect.arrayContaining([shopA.accountId, otherShop.accountId]),
    );
  });

  it("ignores the account parameter for brands: their own account always applies", async () => {
    expect(ids(await findEvents(brand, query({ account: otherShop.accountId, q: "evt_other" })))).toEqual([]);
  });
});

describe("keyset pagination", () => {
  async function walk(scope: EventScope, base: EventListQuery, limit: number) {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await findEvents(scope, { ...base, cursor }, { limit });
      pages.push(ids(page));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return pages;
  }

  it("walks every event exactly once, with no empty last page when the count is a multiple of the page size", async () => {
    expect(await walk(brand, {}, 4)).toEqual([
      ["evt_b11", "evt_b10", "evt_a9", "evt_a8"],
      ["evt_a7", "evt_a6", "evt_a5", "evt_a4"],
      ["evt_a3", "evt_a2", "evt_a1", "evt_a0"],
    ]);
    expect(await walk(brand, {}, 5)).toEqual([
      ["evt_b11", "evt_b10", "evt_a9", "evt_a8", "evt_a7"],
      ["evt_a6", "evt_a5", "evt_a4", "evt_a3", "evt_a2"],
      ["evt_a1", "evt_a0"],
    ]);
    expect(await walk(brand, { integration: shopB.id }, 2)).toEqual([["evt_b11", "evt_b10"]]);
    expect(await walk(brand, query({ status: "exhausted" }), 1)).toEqual([["evt_b10"], ["evt_a6"], ["evt_a1"]]);
  });

  it("breaks ties between events received in the same millisecond by id", async () => {
    const { integration } = await createTestIntegration();
    const scope: EventScope = { role: "brand", accountId: integration.accountId };
    for (let index = 0; index < 5; index++)
      await createTestEvent(integration, { receivedAt: at(30), stripeEventId: `evt_tie${index}` });
    const pages = await walk(scope, {}, 2);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(new Set(pages.flat()).size).toBe(5);
  });

  it("keeps a page where it is when new events arrive on top", async () => {
    const { integration } = await createTestIntegration();
    const scope: EventScope = { role: "brand", accountId: integration.accountId };
    for (let minute = 0; minute < 6; minute++)
      await createTestEvent(integration, { receivedAt: at(minute), stripeEventId: `evt_s${minute}` });
    const first = await findEvents(scope, {}, { limit: 3 });
    expect(ids(first)).toEqual(["evt_s5", "evt_s4", "evt_s3"]);
    const second = await findEvents(scope, { cursor: first.nextCursor! }, { limit: 3 });

    await createTestEvent(integration, { receivedAt: at(50), stripeEventId: "evt_new1" });
    await createTestEvent(integration, { receivedAt: new Date(), stripeEventId: "evt_new2" });

    const again = await findEvents(scope, { cursor: first.nextCursor! }, { limit: 3 });
    expect(ids(again)).toEqual(ids(second));
    expect(ids(again)).toEqual(["evt_s2", "evt_s1", "evt_s0"]);
    expect(ids(await findEvents(scope, {}, { limit: 3 }))).toEqual(["evt_new2", "evt_new1", "evt_s5"]);
  });
});

it("reads a page through the indexes: the plan of the list query never scans StripeEvent sequentially", async () => {
  // A few thousand rows so the planner prefers indexes the way it does with a million.
  await prisma.$executeRaw`
    INSERT INTO "StripeEvent" (id, "accountId", "integrationId", "stripeEventId", type, livemode, "stripeCreatedAt", "receivedAt", status, outcome, payload)
    SELECT gen_random_uuid()::text, ${otherShop.accountId}, ${otherShop.id}, 'evt_bulk' || n, 'invoice.paid', false, now(), now() - (n || ' seconds')::interval,
      'accepted', 'delivered', '{}'::jsonb
    FROM generate_series(1, 20000) AS n`;
  await prisma.$executeRaw`ANALYZE "StripeEvent"`;
  const plans: string[] = [];
  for (const sql of [
    `SELECT id FROM "StripeEvent" WHERE "accountId" = $1 ORDER BY "receivedAt" DESC, id DESC LIMIT 51`,
    `SELECT id FROM "StripeEvent" WHERE "accountId" = $1 AND outcome = 'exhausted' ORDER BY "receivedAt" DESC, id DESC LIMIT 51`,
    `SELECT id FROM "StripeEvent" WHERE "accountId" = $1 AND type = 'charge.refunded' ORDER BY "receivedAt" DESC, id DESC LIMIT 51`,
    `SELECT id FROM "StripeEvent" WHERE "accountId" = $1 AND ("stripeEventId" = 'evt_bulk5' OR "customerId" = 'evt_bulk5') ORDER BY "receivedAt" DESC, id DESC LIMIT 51`,
    `SELECT id FROM "StripeEvent" WHERE "accountId" = $1 AND outcome = 'delivered' AND "receivedAt" <= now() - interval '15000 seconds'
      AND ("receivedAt" < now() - interval '15000 seconds' OR id < 'm') ORDER BY "receivedAt" DESC, id DESC LIMIT 51`,
  ]) {
    const rows = await prisma.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(`EXPLAIN ${sql}`, otherShop.accountId);
    plans.push(rows.map((row) => row["QUERY PLAN"]).join("\n"));
  }
  for (const plan of plans) {
    expect(plan).not.toMatch(/Seq Scan on "StripeEvent"/);
    expect(plan).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
  }
  // A deep page starts inside the index (receivedAt is an index condition), not by skipping rows.
  expect(plans[4]).toMatch(/Index Cond: .*"receivedAt" <=/);
});
