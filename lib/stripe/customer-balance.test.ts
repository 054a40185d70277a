// The customer-balance client through the real Stripe SDK against the fake Stripe: credits change the
// balance, an idempotency key replays instead of crediting twice, and a reward's credit is found by metadata.
import { describe, expect, it } from "vitest";
import { createBalanceCredit, findBalanceCreditForReward, retrieveCustomer } from "@/lib/stripe/customer-balance";
import { createStripeClient } from "@/lib/stripe/stripe-client";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildCustomer } from "@/testing/stripe/builders/customer";

const ACCOUNT = "acct_1Balance";
const KEY = "sk_test_balance_0123456789";
const fakes = useFakes({ stripe: { accounts: [{ id: ACCOUNT, keys: [{ key: KEY }] }] } });

const REWARD = { tenantAlias: "test_acme", rewardId: "rew_1" };
const credit = (customerId: string, overrides: Partial<Parameters<typeof createBalanceCredit>[1]> = {}) => ({
  customerId,
  amount: -2500,
  currency: "USD",
  description: "Referral reward rew_1 (test_acme)",
  metadata: { advocate_tenant: REWARD.tenantAlias, advocate_reward_id: REWARD.rewardId },
  idempotencyKey: "advocate-test_acme-rew_1",
  ...overrides,
});

function seedCustomer(overrides: Record<string, unknown> = {}) {
  const customer = buildCustomer({}, { currency: "usd", ...overrides });
  fakes.stripe.seed(ACCOUNT, customer);
  return customer;
}

describe("retrieveCustomer", () => {
  it("returns the customer's currency and balance, and records the exchange without the key", async () => {
    const customer = seedCustomer({ balance: -100 });
    const result = await retrieveCustomer(createStripeClient(KEY), customer.id);
    expect(result.ok && result.value).toMatchObject({
      id: customer.id,
      deleted: false,
      currency: "usd",
      balance: -100,
    });
    expect(result.exchange).toMatchObject({
      method: "GET",
      url: `${fakes.stripe.url}/v1/customers/${customer.id}`,
      responseStatus: 200,
      error: null,
    });
    expect(JSON.stringify(result.exchange)).not.toContain(KEY);
  });

  it("marks a deleted customer and answers not_found for an unknown one", async () => {
    fakes.stripe.seed(ACCOUNT, { id: "cus_gone", object: "customer", deleted: true, livemode: false } as never);
    const deleted = await retrieveCustomer(createStripeClient(KEY), "cus_gone");
    expect(deleted.ok && deleted.value).toEqual({ id: "cus_gone", deleted: true });
    const unknown = await retrieveCustomer(createStripeClient(KEY), "cus_unknown");
    expect(!unknown.ok && unknown.failure).toMatchObject({ kind: "not_found", status: 404, code: "resource_missing" });
    expect(unknown.exchange.responseBody).toContain("No such customer");
  });
});

describe("createBalanceCredit", () => {
  it("credits the balance once however often the same idempotency key is sent", async () => {
    const customer = seedCustomer();
    const stripe = createStripeClient(KEY);
    const first = await createBalanceCredit(stripe, credit(customer.id));
    const second = await createBalanceCredit(stripe, credit(customer.id));
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.value.id).toBe(first.value.id);
    expect(first.value).toMatchObject({ amount: -2500, currency: "usd", ending_balance: -2500, type: "adjustment" });
    expect(first.exchange).toMatchObject({ method: "POST", responseStatus: 200 });
    expect(first.exchange.requestBody).toContain("metadata%5Badvocate_reward_id%5D=rew_1");
    const balance = await retrieveCustomer(stripe, customer.id);
    expect(balance.ok && balance.value).toMatchObject({ balance: -2500 });
    const listed = await stripe.customers.listBalanceTransactions(customer.id);
    expect(listed.data).toHaveLength(1);
  });

  it("gives a customer without a currency the credit's", async () => {
    const customer = seedCustomer({ currency: null });
    const stripe = createStripeClient(KEY);
    await createBalanceCredit(stripe, credit(customer.id, { currency: "JPY", amount: -500 }));
    const after = await retrieveCustomer(stripe, customer.id);
    expect(after.ok && after.value).toMatchObject({ currency: "jpy", balance: -500 });
  });

  it("reports an injected 500 as server with Stripe's error body recorded", async () => {
    const customer = seedCustomer();
    fakes.stripe.failNext({ path: "/balance_transactions", method: "POST", action: { kind: "error", status: 500 } });
    const result = await createBalanceCredit(createStripeClient(KEY), credit(customer.id));
    expect(!result.ok && result.failure).toMatchObject({ kind: "server", status: 500 });
    expect(result.exchange.responseBody).toContain("Injected failure");
  });

  it("refuses a deleted customer and a positive amount", async () => {
    fakes.stripe.seed(ACCOUNT, { id: "cus_gone", object: "customer", deleted: true, livemode: false } as never);
    const result = await createBalanceCredit(createStripeClient(KEY), credit("cus_gone"));
    expect(!result.ok && result.failure.kind).toBe("not_found");
    expect(() => createBalanceCredit(createStripeClient(KEY), credit("cus_x", { amount: 10 }))).toThrow(RangeError);
  });
});

describe("findBalanceCreditForReward", () => {
  it("finds the reward's credit by metadata across pages, and null when there is none", async () => {
    const customer = seedCustomer();
    const stripe = createStripeClient(KEY);
    await createBalanceCredit(stripe, credit(customer.id));
    for (let n = 0; n < 105; n++) {
      await stripe.customers.createBalanceTransaction(customer.id, {
        amount: -1,
        currency: "usd",
        metadata: { advocate_tenant: REWARD.tenantAlias, advocate_reward_id: `other_${n}` },
      });
    }
    const found = await findBalanceCreditForReward(stripe, customer.id, REWARD);
    expect(found.ok && found.value).toMatchObject({ amount: -2500, metadata: { advocate_reward_id: "rew_1" } });
    expect(JSON.parse(found.exchange.responseBody ?? "{}")).toMatchObject({ scanned: 106 });
    expect(fakes.stripe.requests({ path: "/balance_transactions", method: "GET" })).toHaveLength(2);

    const otherTenant = await findBalanceCreditForReward(stripe, customer.id, { ...REWARD, tenantAlias: "test_other" });
    expect(otherTenant.ok && otherTenant.value).toBeNull();
  });
});
