// The credit job on the local runner (SPEC §11), end to end: intake through the real route, the reward
// worker's drain, the real Stripe SDK against the fake Stripe and the Advocate clients against the fake
// Advocate, both over HTTP, and real PostgreSQL.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { retryRewardCredit } from "@/lib/server/rewards/retry-reward-credit";
import { RewardWorker } from "@/lib/server/rewards/reward-worker";
import { createTestAccount } from "@/testing/db/factories";
import {
  type AdvocateWorld,
  addReward,
  advocateWebhookRequest,
  brandPrincipalOf,
  createAdvocateWorld,
  postAdvocateWebhook,
} from "@/testing/fakes/connected-advocate";
import type { FakeAdvocateRewardInput } from "@/testing/fakes/fake-advocate";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildCustomer } from "@/testing/stripe/builders/customer";

const fakes = useFakes({ advocate: true });

/** A world whose participant's Stripe customer exists (in USD unless told otherwise). */
async function world(options: { currency?: string | null; customerId?: string | null } = {}) {
  const created = await createAdvocateWorld(fakes, { customerId: options.customerId });
  if (created.customerId) {
    const currency = options.currency === undefined ? "usd" : options.currency;
    fakes.stripe.seed(created.stripeAccount.id, buildCustomer({ id: created.customerId }, { currency }));
  }
  return created;
}

/** A reward in the fake Advocate, delivered to the portal as Advocate would: the credit row it planned. */
async function deliverReward(world: AdvocateWorld, input: Partial<FakeAdvocateRewardInput> = {}) {
  const reward = addReward(fakes, world, { name: "Referral: Sam", ...input });
  const response = await postAdvocateWebhook(
    world.integration.id,
    await advocateWebhookRequest(fakes, world, { data: reward }),
  );
  expect(response.status).toBe(200);
  const credit = await prisma.rewardCredit.findUniqueOrThrow({
    where: { tenantAlias_rewardId: { tenantAlias: world.tenantAlias, rewardId: reward.id } },
  });
  return { reward, credit };
}

const drain = () => new RewardWorker().drain();
const readCredit = (id: string) =>
  prisma.rewardCredit.findUniqueOrThrow({
    where: { id },
    include: { attempts: { orderBy: [{ number: "asc" }, { startedAt: "asc" }] } },
  });
const makeDue = (id: string) => prisma.rewardCredit.update({ where: { id }, data: { dueAt: new Date() } });
const creditPosts = () => fakes.stripe.requests({ method: "POST", path: "balance_transactions" });
const balanceTransactionsOf = (world: AdvocateWorld) =>
  fakes.stripe
    .client(world.stripeAccount.keys[0]!.key)
    .customers.listBalanceTransactions(world.customerId!, { limit: 100 })
    .then((list) => list.data);

describe("crediting an Advocate reward (local runner)", () => {
  it("credits an available reward once, records every exchange without keys, then redeems it in Advocate", async () => {
    const w = await world();
    const { reward, credit } = await deliverReward(w, { assignedCredit: 2500 });

    await drain();

    const done = await readCredit(credit.id);
    const [transaction] = await balanceTransactionsOf(w);
    expect(transaction).toMatchObject({
      amount: -2500,
      currency: "usd",
      description: `Advocate reward ${reward.id} (Referral: Sam)`,
      metadata: { advocate_tenant: w.tenantAlias, advocate_reward_id: reward.id },
    });
    expect(done).toMatchObject({
      status: "credited",
      reason: null,
      stripeCustomerId: w.customerId,
      stripeBalanceTransactionId: transaction!.id,
      creditInFlightSince: null,
      creditedAt: expect.any(Date),
      attemptCount: 1,
      redeemStatus: "redeemed",
      redeemedAt: expect.any(Date),
      dueAt: null,
      leaseToken: null,
    });
    expect(done.attempts.map((attempt) => [attempt.number, attempt.step, attempt.responseStatus])).toEqual([
      [1, "reward-read", 200],
      [1, "user-read", 200],
      [1, "customer-read", 200],
      [1, "credit", 200],
      [2, "reward-read", 200],
      [2, "redeem", 200],
    ]);
    expect(JSON.stringify(done.attempts)).not.toContain(w.apiKey);
    expect(JSON.stringify(done.attempts)).not.toContain(w.stripeAccount.keys[0]!.key);
    expect(fakes.advocate.reward(w.tenantAlias, reward.id)).toMatchObject({ redeemedCredit: 2500 });
    expect(fakes.advocate.requests({ path: "/redeem" }).map((request) => request.body)).toEqual([
      { amount: 2500, unit: "STRIPE/USD" },
    ]);
  });

  it("passes zero- and three-decimal amounts through exactly (JPY 500 → −500, KWD 1234 → −1234)", async () => {
    const w = await world({ currency: null });
    const yen = await deliverReward(w, { unit: "STRIPE/JPY", assignedCredit: 500 });
    await drain();
    const w2 = await world({ currency: null });
    const dinar = await deliverReward(w2, { unit: "STRIPE/KWD", assignedCredit: 1234 });
    await drain();

    expect((await balanceTransactionsOf(w)).map(({ amount, currency }) => ({ amount, currency }))).toEqual([
      { amount: -500, currency: "jpy" },
    ]);
    expect((await balanceTransactionsOf(w2)).map(({ amount, currency }) => ({ amount, currency }))).toEqual([
      { amount: -1234, currency: "kwd" },
    ]);
    expect((await readCredit(yen.credit.id)).status).toBe("credited");
    expect((await readCredit(dinar.credit.id)).status).toBe("credited");
  });

  it("a duplicate and ten concurrent identical webhooks make one credit and one balance transaction", async () => {
    const w = await world();
    const reward = addReward(fakes, w);
    const send = async () =>
      postAdvocateWebhook(w.integration.id, await advocateWebhookRequest(fakes, w, { data: reward, id: "evt_same" }));
    await send();
    await send();
    const burst = await Promise.all(Array.from({ length: 10 }, send));
    expect(burst.map((answer) => answer.status)).toEqual(Array(10).fill(200));

    await Promise.all([drain(), drain(), drain()]);

    expect(await prisma.rewardCredit.count({ where: { integrationId: w.integration.id } })).toBe(1);
    expect(await balanceTransactionsOf(w)).toHaveLength(1);
    expect(creditPosts()).toHaveLength(1);
  });

  // The fake serves `statuses` as given; null lets it derive them from the dates again, as Advocate would.
  it("waits while Advocate keeps the reward pending, then credits it once it is given", async () => {
    const w = await world();
    const { reward, credit } = await deliverReward(w, { dateGiven: null, dateScheduledFor: Date.now() + 86_400_000 });

    await drain();

    const waiting = await readCredit(credit.id);
    expect(waiting).toMatchObject({ status: "pending", attemptCount: 0, pendingSince: expect.any(Date) });
    expect(waiting.reason).toContain("still pending in Advocate");
    expect(waiting.dueAt!.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(creditPosts()).toHaveLength(0);

    fakes.advocate.setReward(w.tenantAlias, {
      ...reward,
      statuses: null,
      dateGiven: Date.now(),
      dateScheduledFor: null,
    });
    await makeDue(credit.id);
    await drain();

    expect(await readCredit(credit.id)).toMatchObject({
      status: "credited",
      redeemStatus: "redeemed",
      pendingSince: null,
    });
    expect(creditPosts()).toHaveLength(1);
  });

  it("skips a reward cancelled or already redeemed in Advocate before it was credited", async () => {
    const w = await world();
    const cancelled = await deliverReward(w);
    const redeemedElsewhere = await deliverReward(w);
    fakes.advocate.setReward(w.tenantAlias, { ...cancelled.reward, statuses: null, dateCancelled: Date.now() });
    fakes.advocate.setReward(w.tenantAlias, { ...redeemedElsewhere.reward, statuses: null, redeemedCredit: 1000 });

    await drain();

    expect(await readCredit(cancelled.credit.id)).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/^cancelled in Advocate on /),
    });
    expect(await readCredit(redeemedElsewhere.credit.id)).toMatchObject({
      status: "skipped",
      reason: "already redeemed in Advocate",
    });
    expect(creditPosts()).toHaveLength(0);
  });

  it("needs mapping when the participant has no stripeCustomerId; Try again after it is set credits it", async () => {
    const w = await world({ customerId: null });
    const { credit } = await deliverReward(w);

    await drain();

    const unmapped = await readCredit(credit.id);
    expect(unmapped).toMatchObject({ status: "needs_mapping", dueAt: null });
    expect(unmapped.reason).toBe(
      `participant ${w.participant.id} (pat@example.com) of account ${w.participant.accountId} has no customFields.stripeCustomerId in Advocate: set it to their Stripe customer id (cus_…), then Try again`,
    );

    fakes.stripe.seed(w.stripeAccount.id, buildCustomer({ id: "cus_Mapped1" }, { currency: "usd" }));
    fakes.advocate.setUser(w.tenantAlias, { ...w.participant, customFields: { stripeCustomerId: "cus_Mapped1" } });
    expect(await retryRewardCredit(w.principal, credit.id)).toMatchObject({ isRetried: true, status: "pending" });
    await drain();

    expect(await readCredit(credit.id)).toMatchObject({
      status: "credited",
      stripeCustomerId: "cus_Mapped1",
      redeemStatus: "redeemed",
    });
    expect(creditPosts()).toHaveLength(1);
  });

  it("another account's brand cannot Try again", async () => {
    const w = await world({ customerId: null });
    const { credit } = await deliverReward(w);
    await drain();
    const stranger = brandPrincipalOf(await createTestAccount());
    await expect(retryRewardCredit(stranger, credit.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await readCredit(credit.id)).status).toBe("needs_mapping");
  });

  it("fails closed on a currency mismatch and on a deleted customer, with no balance transaction", async () => {
    const euros = await world({ currency: "eur" });
    const mismatch = await deliverReward(euros);
    const gone = await world();
    fakes.stripe.seed(gone.stripeAccount.id, {
      id: gone.customerId!,
      object: "customer",
      deleted: true,
      livemode: false,
    } as never);
    const deleted = await deliverReward(gone);

    await drain();

    expect(await readCredit(mismatch.credit.id)).toMatchObject({
      status: "failed",
      reason: "customer pays in EUR, reward is USD: Stripe would hold the credit but never apply it",
      stripeCustomerId: euros.customerId,
    });
    expect(await readCredit(deleted.credit.id)).toMatchObject({
      status: "failed",
      reason: `Stripe customer ${gone.customerId} is deleted`,
    });
    expect(creditPosts()).toHaveLength(0);
  });

  it("retries a Stripe 500 with backoff and the same idempotency key, then credits once", async () => {
    const w = await world();
    const { reward, credit } = await deliverReward(w);
    fakes.stripe.failNext({ method: "POST", path: "balance_transactions", action: { kind: "error", status: 500 } });

    await drain();

    const retrying = await readCredit(credit.id);
    expect(retrying).toMatchObject({ status: "retrying", attemptCount: 1, creditInFlightSince: expect.any(Date) });
    expect(retrying.reason).toMatch(/^Stripe failed while crediting cus_/);
    expect(retrying.dueAt!.getTime()).toBeGreaterThan(Date.now());

    await makeDue(credit.id);
    await drain();

    expect(await readCredit(credit.id)).toMatchObject({
      status: "credited",
      attemptCount: 2,
      creditInFlightSince: null,
    });
    const key = `advocate-credit:${w.tenantAlias}:${reward.id}`;
    expect(creditPosts().map((request) => [request.status, request.idempotencyKey])).toEqual([
      [500, key],
      [200, key],
    ]);
    expect(await balanceTransactionsOf(w)).toHaveLength(1);
  });

  it("after Stripe replays a saved 500 for the key, looks for the credit, then sends under a new key, once", async () => {
    const w = await world();
    const { reward, credit } = await deliverReward(w);
    // As real Stripe: the 500 is saved under the idempotency key and replayed to every retry with it.
    fakes.stripe.failNext({
      method: "POST",
      path: "balance_transactions",
      action: { kind: "error", status: 500, savedForIdempotency: true },
    });

    await drain(); // the 500 itself
    await makeDue(credit.id);
    await drain(); // the same key: Stripe's saved 500 again, replayed

    const replayed = await readCredit(credit.id);
    expect(replayed).toMatchObject({ status: "retrying", creditKeyRound: 1, creditInFlightSince: expect.any(Date) });
    expect(replayed.reason).toMatch(/saved result for this idempotency key/);

    await makeDue(credit.id);
    await drain();

    expect(await readCredit(credit.id)).toMatchObject({ status: "credited", attemptCount: 3 });
    const key = `advocate-credit:${w.tenantAlias}:${reward.id}`;
    expect(creditPosts().map((request) => [request.status, request.idempotencyKey])).toEqual([
      [500, key],
      [500, key],
      [200, `${key}:1`],
    ]);
    const lookups = fakes.stripe
      .requests({ method: "GET" })
      .filter((request) => request.path.endsWith("/balance_transactions"));
    expect(lookups).toHaveLength(2); // before each try after the first: the credit may exist
    expect(await balanceTransactionsOf(w)).toHaveLength(1);
  });

  it("refuses for good on a Stripe 4xx other than 429, in Stripe's words", async () => {
    const w = await world();
    const { credit } = await deliverReward(w);
    fakes.stripe.failNext({
      method: "POST",
      path: "balance_transactions",
      action: { kind: "error", status: 400, message: "This customer cannot take balance changes." },
    });

    await drain();

    const failed = await readCredit(credit.id);
    expect(failed).toMatchObject({ status: "failed", creditInFlightSince: null, dueAt: null });
    expect(failed.reason).toContain("This customer cannot take balance changes.");
  });

  it("after a crash between Stripe's answer and the record, finds the credit by metadata instead of sending again", async () => {
    const w = await world();
    const { reward, credit } = await deliverReward(w, { assignedCredit: 1500 });
    // What the dead try left: its Stripe credit exists, the row only says a call was in flight.
    const earlier = await fakes.stripe
      .client(w.stripeAccount.keys[0]!.key)
      .customers.createBalanceTransaction(w.customerId!, {
        amount: -1500,
        currency: "usd",
        metadata: { advocate_tenant: w.tenantAlias, advocate_reward_id: reward.id },
      });
    await prisma.rewardCredit.update({
      where: { id: credit.id },
      data: {
        status: "retrying",
        creditInFlightSince: new Date(Date.now() - 60_000),
        stripeCustomerId: w.customerId,
        attemptCount: 1,
      },
    });
    fakes.stripe.clearRequests();

    await drain();

    const resolved = await readCredit(credit.id);
    expect(resolved).toMatchObject({
      status: "credited",
      stripeBalanceTransactionId: earlier.id,
      creditInFlightSince: null,
    });
    expect(resolved.attempts.map((attempt) => attempt.step)).toContain("credit-lookup");
    expect(creditPosts()).toHaveLength(0);
    expect(await balanceTransactionsOf(w)).toHaveLength(1);
  });

  it("retries a failed redeem later on its own, never the credit, until Advocate marks it redeemed", async () => {
    const w = await world();
    const { reward, credit } = await deliverReward(w);
    fakes.advocate.failNext({ path: "/redeem", action: { kind: "error", status: 500 } });

    await drain();

    const afterFailure = await readCredit(credit.id);
    expect(afterFailure).toMatchObject({ status: "credited", redeemStatus: "pending", redeemAttemptCount: 1 });
    expect(afterFailure.reason).toMatch(/^credited on Stripe; marking it redeemed in Advocate failed: /);
    expect(afterFailure.dueAt!.getTime()).toBeGreaterThan(Date.now());

    await makeDue(credit.id);
    await drain();

    expect(await readCredit(credit.id)).toMatchObject({ status: "credited", redeemStatus: "redeemed", reason: null });
    expect(creditPosts()).toHaveLength(1);
    expect(fakes.advocate.requests({ path: "/redeem" }).map((request) => request.status)).toEqual([500, 200]);
    expect(fakes.advocate.reward(w.tenantAlias, reward.id)).toMatchObject({ redeemedCredit: 1000 });
  });

  it("gives the redeem up after DELIVERY_MAX_ATTEMPTS tries; the credit stays credited", async () => {
    const w = await world();
    const { credit } = await deliverReward(w);
    fakes.advocate.failNext({ path: "/redeem", action: { kind: "error", status: 503 }, count: Infinity });
    await drain();
    await prisma.rewardCredit.update({ where: { id: credit.id }, data: { redeemAttemptCount: 19, dueAt: new Date() } });

    await drain();

    const given = await readCredit(credit.id);
    expect(given).toMatchObject({ status: "credited", redeemStatus: "failed", dueAt: null });
    expect(given.reason).toMatch(/gave up after 20 attempts\)$/);
    expect(creditPosts()).toHaveLength(1);
  });
});
