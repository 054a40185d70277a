// The Rewards view query against real PostgreSQL: the account scope, every filter, the search and keyset
// pagination (SPEC §11).
import { beforeAll, describe, expect, it } from "vitest";
import { parseRewardListQuery, type RewardListQuery } from "@/lib/schemas/rewards";
import type { EventScope } from "@/lib/server/events/event-scope";
import { findRewards } from "@/lib/server/rewards/find-rewards";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import { createRewardCredit } from "@/testing/db/reward-factories";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 4, 9, minute, 0, 0));
const query = (raw: Record<string, string>): RewardListQuery => {
  const parsed = parseRewardListQuery(raw);
  if (!parsed.ok) throw new Error(parsed.errors.join(" "));
  return parsed.query;
};
const ids = (page: { items: Array<{ rewardId: string }> }) => page.items.map((item) => item.rewardId);

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
  // Minutes 0..5 on shop A with alternating statuses, 6 on shop B, one on another account.
  const statuses = ["credited", "needs_mapping", "retrying"] as const;
  for (let minute = 0; minute < 6; minute++) {
    await createRewardCredit(shopA, {
      createdAt: at(minute),
      rewardId: `rwd_a${minute}`,
      status: statuses[minute % 3],
      stripeCustomerId: statuses[minute % 3] === "needs_mapping" ? null : minute < 3 ? "cus_early" : `cus_a${minute}`,
      advocateUserId: `user_a${minute}`,
      advocateAccountId: minute < 2 ? "acct_shared" : `acct_a${minute}`,
    });
  }
  await createRewardCredit(shopB, {
    createdAt: at(6),
    rewardId: "rwd_b6",
    status: "exhausted",
    stripeBalanceTransactionId: null,
  });
  await createRewardCredit(otherShop, {
    createdAt: at(3),
    rewardId: "rwd_other",
    tenantAlias: "test_other",
    stripeCustomerId: "cus_early",
    status: "credited",
    stripeBalanceTransactionId: "cbtxn_other",
  });
});

describe("findRewards", () => {
  it("lists the account's rewards newest first with what the view shows, never another account's", async () => {
    const page = await findRewards(brand, {});
    expect(ids(page)).toEqual(["rwd_b6", "rwd_a5", "rwd_a4", "rwd_a3", "rwd_a2", "rwd_a1", "rwd_a0"]);
    expect(page.nextCursor).toBeNull();
    expect(page.items.find((item) => item.rewardId === "rwd_a3")).toMatchObject({
      status: "credited",
      amount: 1500,
      amountText: "15.00",
      currency: "usd",
      unit: "STRIPE/USD",
      participant: { userId: "user_a3", accountId: "acct_a3" },
      stripeCustomerId: "cus_a3",
      stripeBalanceTransactionId: expect.stringMatching(/^cbtxn_/),
      integration: { id: shopA.id, mode: "test" },
      redeemStatus: "redeemed",
    });
    expect(page.items.find((item) => item.rewardId === "rwd_a1")).toMatchObject({
      status: "needs_mapping",
      reason: "the participant has no customFields.stripeCustomerId",
      stripeCustomerId: null,
      stripeBalanceTransactionId: null,
    });
    expect(ids(await findRewards(other, {}))).toEqual(["rwd_other"]);
  });

  it("filters by status and integration; another account's integration finds nothing", async () => {
    expect(ids(await findRewards(brand, query({ status: "needs_mapping" })))).toEqual(["rwd_a4", "rwd_a1"]);
    expect(ids(await findRewards(brand, query({ status: "credited", integration: shopA.id })))).toEqual([
      "rwd_a3",
      "rwd_a0",
    ]);
    expect(ids(await findRewards(brand, query({ integration: shopB.id })))).toEqual(["rwd_b6"]);
    expect(ids(await findRewards(brand, query({ integration: otherShop.id })))).toEqual([]);
    expect(ids(await findRewards(brand, query({ status: "skipped" })))).toEqual([]);
  });

  it("searches by reward id, customer id, participant or balance transaction, exactly and within the scope", async () => {
    expect(ids(await findRewards(brand, query({ q: "rwd_a4" })))).toEqual(["rwd_a4"]);
    expect(ids(await findRewards(brand, query({ q: "cus_early" })))).toEqual(["rwd_a2", "rwd_a0"]);
    expect(ids(await findRewards(brand, query({ q: "user_a5" })))).toEqual(["rwd_a5"]);
    expect(ids(await findRewards(brand, query({ q: "acct_shared" })))).toEqual(["rwd_a1", "rwd_a0"]);
    expect(ids(await findRewards(brand, query({ q: "rwd_a" })))).toEqual([]); // exact, not a prefix
    expect(ids(await findRewards(brand, query({ q: "rwd_other" })))).toEqual([]);
    expect(ids(await findRewards(brand, query({ q: "cbtxn_other" })))).toEqual([]);
    expect(ids(await findRewards(other, query({ q: "cbtxn_other" })))).toEqual(["rwd_other"]);
    expect(ids(await findRewards(brand, query({ q: "cus_early", status: "retrying" })))).toEqual(["rwd_a2"]);
  });

  it("lets staff see every account, or one; a brand's account parameter is ignored", async () => {
    expect(ids(await findRewards(staff, query({ q: "cus_early" })))).toEqual(["rwd_other", "rwd_a2", "rwd_a0"]);
    expect(ids(await findRewards(staff, query({ account: otherShop.accountId })))).toEqual(["rwd_other"]);
    expect(ids(await findRewards(brand, query({ account: otherShop.accountId, q: "rwd_other" })))).toEqual([]);
  });
});

describe("keyset pagination", () => {
  async function walk(scope: EventScope, base: RewardListQuery, limit: number) {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await findRewards(scope, { ...base, cursor }, { limit });
      pages.push(ids(page));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return pages;
  }

  it("walks every reward exactly once, with no empty last page", async () => {
    expect(await walk(brand, {}, 3)).toEqual([
      ["rwd_b6", "rwd_a5", "rwd_a4"],
      ["rwd_a3", "rwd_a2", "rwd_a1"],
      ["rwd_a0"],
    ]);
    expect(await walk(brand, query({ status: "retrying" }), 1)).toEqual([["rwd_a5"], ["rwd_a2"]]);
  });

  it("breaks ties between rewards of the same millisecond by id and keeps a page put when new ones arrive", async () => {
    const { integration } = await createTestIntegration();
    const scope: EventScope = { role: "brand", accountId: integration.accountId };
    for (let index = 0; index < 5; index++)
      await createRewardCredit(integration, { createdAt: at(30), rewardId: `rwd_tie${index}` });
    const pages = await walk(scope, {}, 2);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(new Set(pages.flat()).size).toBe(5);

    const first = await findRewards(scope, {}, { limit: 2 });
    const second = await findRewards(scope, { cursor: first.nextCursor! }, { limit: 2 });
    await createRewardCredit(integration, { createdAt: at(31), rewardId: "rwd_new" });
    expect(ids(await findRewards(scope, { cursor: first.nextCursor! }, { limit: 2 }))).toEqual(ids(second));
    expect(ids(await findRewards(scope, {}, { limit: 1 }))).toEqual(["rwd_new"]);
  });
});
