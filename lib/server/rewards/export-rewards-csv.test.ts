// The Rewards CSV streams the filtered, scoped view batch by batch, with every column of the view and
// every cell escaped (quotes, separators, line breaks, formulas).
import { beforeAll, describe, expect, it } from "vitest";
import type { EventScope } from "@/lib/server/events/event-scope";
import { exportRewardsCsv, REWARDS_CSV_HEADER } from "@/lib/server/rewards/export-rewards-csv";
import { parseCsv, readChunks } from "@/testing/csv/read-csv";
import { createTestIntegration } from "@/testing/db/factories";
import { createRewardCredit } from "@/testing/db/reward-factories";

let scope: EventScope;
let integrationId: string;

beforeAll(async () => {
  const { integration } = await createTestIntegration();
  integrationId = integration.id;
  scope = { role: "brand", accountId: integration.accountId };
  for (let minute = 0; minute < 5; minute++) {
    await createRewardCredit(integration, {
      createdAt: new Date(Date.UTC(2026, 11, 4, 8, minute)),
      rewardId: `rwd_csv${minute}`,
      status: minute === 0 ? "failed" : "credited",
      reason: minute === 0 ? 'the customer\'s currency is "eur", not usd,\nso nothing was credited' : undefined,
      advocateUserId: minute === 1 ? '=HYPERLINK("http://evil")' : `user_${minute}`,
      stripeCustomerId: `cus_csv${minute}`,
      stripeBalanceTransactionId: minute === 0 ? null : `cbtxn_csv${minute}`,
      amount: 1250,
    });
  }
  const other = (await createTestIntegration()).integration;
  await createRewardCredit(other, { rewardId: "rwd_not_mine" });
});

const rowsOf = (text: string) => {
  const [header, ...records] = parseCsv(text);
  return records.map((record) => Object.fromEntries(header!.map((name, index) => [name, record[index]])));
};

describe("exportRewardsCsv", () => {
  it("streams the header, then one chunk per keyset batch, newest first, only the account's rewards", async () => {
    const chunks = await readChunks(exportRewardsCsv(scope, {}, { batchSize: 2 }));
    expect(chunks.length).toBe(4); // header + 2 + 2 + 1
    const records = parseCsv(chunks.join(""));
    expect(records[0]).toEqual([...REWARDS_CSV_HEADER]);
    expect(records.slice(1).map((record) => record[REWARDS_CSV_HEADER.indexOf("reward_id")])).toEqual([
      "rwd_csv4",
      "rwd_csv3",
      "rwd_csv2",
      "rwd_csv1",
      "rwd_csv0",
    ]);
    expect(records.every((record) => record.length === REWARDS_CSV_HEADER.length)).toBe(true);
  });

  it("gives status, participant, amount and currency, customer and balance transaction of each reward", async () => {
    const [credited] = rowsOf((await readChunks(exportRewardsCsv(scope, { q: "rwd_csv3" }))).join(""));
    expect(credited).toMatchObject({
      integration_id: integrationId,
      mode: "test",
      tenant_alias: "test_tenant",
      reward_id: "rwd_csv3",
      participant_user_id: "user_3",
      unit: "STRIPE/USD",
      currency: "usd",
      amount_minor: "1250",
      amount: "12.50",
      status: "credited",
      status_label: "Credited",
      stripe_customer_id: "cus_csv3",
      stripe_balance_transaction_id: "cbtxn_csv3",
      redeem_status: "redeemed",
    });
  });

  it("escapes quotes, commas and line breaks, and defuses a formula in a participant id", async () => {
    const rows = rowsOf((await readChunks(exportRewardsCsv(scope, {}))).join(""));
    expect(rows.find((row) => row.reward_id === "rwd_csv0")).toMatchObject({
      status: "failed",
      reason: 'the customer\'s currency is "eur", not usd,\nso nothing was credited',
      stripe_balance_transaction_id: "",
    });
    expect(rows.find((row) => row.reward_id === "rwd_csv1")!.participant_user_id).toBe('\'=HYPERLINK("http://evil")');
  });

  it("writes just the header when nothing matches", async () => {
    expect(await readChunks(exportRewardsCsv(scope, { status: "skipped" }))).toEqual([
      expect.stringMatching(/^"created_at",.*"reward_credit_id"\r\n$/),
    ]);
  });
});
