// credit-reward against the real database, the fake Stripe (real SDK) and the fake Advocate over HTTP; the
// credit is stored through the real webhook route. Sleeps are mocked by id (an unmocked step.sleep never
// returns under @inngest/test), and a mock may change the world while the run "sleeps".
import { InngestTestEngine, type InngestTestRun } from "@inngest/test";
import { StepOpCode } from "inngest/types";
import { describe, expect, it, vi } from "vitest";
import {
  creditReward,
  creditTryStepId,
  creditWaitStepId,
  redeemTryStepId,
  redeemWaitStepId,
} from "@/inngest/functions/credit-reward";
import { prisma } from "@/lib/db";
import { rewardCreditRequested } from "@/lib/jobs/inngest/events";
import { DELIVERY_RETRIES } from "@/lib/server/deliveries/attempt-in-inngest-step";
import { claimRewardCredit } from "@/lib/server/rewards/claim-reward-credits";
import { settleFailedRewardRun } from "@/lib/server/rewards/settle-failed-reward-run";
import {
  addReward,
  advocateWebhookRequest,
  createAdvocateWorld,
  postAdvocateWebhook,
} from "@/testing/fakes/connected-advocate";
import type { FakeAdvocateRewardInput } from "@/testing/fakes/fake-advocate";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildCustomer } from "@/testing/stripe/builders/customer";

const fakes = useFakes({ advocate: true });

async function storedReward(input: Partial<FakeAdvocateRewardInput> = {}) {
  const world = await createAdvocateWorld(fakes);
  fakes.stripe.seed(world.stripeAccount.id, buildCustomer({ id: world.customerId! }, { currency: "usd" }));
  const reward = addReward(fakes, world, input);
  await postAdvocateWebhook(world.integration.id, await advocateWebhookRequest(fakes, world, { data: reward }));
  const credit = await prisma.rewardCredit.findUniqueOrThrow({
    where: { tenantAlias_rewardId: { tenantAlias: world.tenantAlias, rewardId: reward.id } },
  });
  return { world, reward, credit };
}

type StepMock = { id: string; handler: () => unknown };
const sleepMocks = (ids: string[], handler: () => unknown = () => undefined): StepMock[] =>
  ids.map((id) => ({ id, handler }));

const engineFor = (rewardCreditId: string, steps: StepMock[] = [], generation = 0) =>
  new InngestTestEngine({
    function: creditReward,
    events: [rewardCreditRequested.create({ rewardCreditId, generation })],
    steps,
  });

const readCredit = (id: string) => prisma.rewardCredit.findUniqueOrThrow({ where: { id } });
const creditPosts = () => fakes.stripe.requests({ method: "POST", path: "balance_transactions" });

describe("credit-reward", () => {
  it("is configured with explicit retries and one run per reward credit at a time", () => {
    expect(creditReward.id()).toBe("credit-reward");
    expect(creditReward.opts).toMatchObject({
      retries: DELIVERY_RETRIES,
      concurrency: { key: "event.data.rewardCreditId", limit: 1 },
    });
  });

  it("credits in one step and redeems in another", async () => {
    const { credit, reward, world } = await storedReward({ assignedCredit: 1999 });

    const { result, error, ctx } = await engineFor(credit.id).execute();

    expect(error).toBeUndefined();
    expect(vi.mocked(ctx.step.run).mock.calls.map((call) => call[0])).toEqual([creditTryStepId(1), redeemTryStepId(1)]);
    expect(result).toEqual({ rewardCreditId: credit.id, unit: "redeem", next: "done", status: "redeemed" });
    expect(await readCredit(credit.id)).toMatchObject({
      status: "credited",
      redeemStatus: "redeemed",
      attemptCount: 1,
    });
    expect(creditPosts().map((request) => request.body)).toEqual([
      expect.objectContaining({ amount: "-1999", currency: "usd" }),
    ]);
    expect(fakes.advocate.reward(world.tenantAlias, reward.id)).toMatchObject({ redeemedCredit: 1999 });
  });

  it("sleeps until Advocate makes a pending reward available, then credits it", async () => {
    const { credit, reward, world } = await storedReward({ dateGiven: null, dateScheduledFor: Date.now() + 3_600_000 });
    const becomeAvailable = () => {
      fakes.advocate.setReward(world.tenantAlias, {
        ...reward,
        statuses: null,
        dateGiven: Date.now(),
        dateScheduledFor: null,
      });
    };

    const { result, ctx } = await engineFor(credit.id, sleepMocks([creditWaitStepId(1)], becomeAvailable)).execute();

    expect(result).toMatchObject({ next: "done", status: "redeemed" });
    expect(ctx.step.sleepUntil).toHaveBeenCalledTimes(1);
    const [id, until] = vi.mocked(ctx.step.sleepUntil).mock.calls[0]!;
    expect(id).toBe(creditWaitStepId(1));
    expect(new Date(until as Date).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(creditPosts()).toHaveLength(1);
  });

  it("retries a Stripe 500 after our own backoff, with the same idempotency key", async () => {
    const { credit } = await storedReward();
    fakes.stripe.failNext({ method: "POST", path: "balance_transactions", action: { kind: "error", status: 500 } });

    const { result } = await engineFor(credit.id, sleepMocks([creditWaitStepId(1)])).execute();

    expect(result).toMatchObject({ next: "done", status: "redeemed" });
    const posts = creditPosts();
    expect(posts.map((request) => request.status)).toEqual([500, 200]);
    expect(new Set(posts.map((request) => request.idempotencyKey)).size).toBe(1);
    expect(await readCredit(credit.id)).toMatchObject({ status: "credited", attemptCount: 2 });
  });

  it("a failing redeem sleeps and tries the redeem again, never the credit", async () => {
    const { credit } = await storedReward();
    fakes.advocate.failNext({ path: "/redeem", action: { kind: "error", status: 500 } });

    const { result, ctx } = await engineFor(credit.id, sleepMocks([redeemWaitStepId(1)])).execute();

    expect(result).toMatchObject({ unit: "redeem", next: "done", status: "redeemed" });
    expect(vi.mocked(ctx.step.sleepUntil).mock.calls.map((call) => call[0])).toEqual([redeemWaitStepId(1)]);
    expect(creditPosts()).toHaveLength(1);
    expect(fakes.advocate.requests({ path: "/redeem" }).map((request) => request.status)).toEqual([500, 200]);
  });

  it("ends needs-mapping and failed credits without sleeping or redeeming", async () => {
    const world = await createAdvocateWorld(fakes, { customerId: null });
    const reward = addReward(fakes, world);
    await postAdvocateWebhook(world.integration.id, await advocateWebhookRequest(fakes, world, { data: reward }));
    const credit = await prisma.rewardCredit.findUniqueOrThrow({
      where: { tenantAlias_rewardId: { tenantAlias: world.tenantAlias, rewardId: reward.id } },
    });

    const { result, ctx } = await engineFor(credit.id).execute();

    expect(result).toMatchObject({ unit: "credit", next: "done", status: "needs_mapping" });
    expect(ctx.step.sleepUntil).not.toHaveBeenCalled();
    expect(fakes.advocate.requests({ path: "/redeem" })).toHaveLength(0);
  });

  it("comes back in 30 s when another runner holds the lease", async () => {
    const { credit } = await storedReward();
    expect(await claimRewardCredit(credit.id, "credit")).not.toBeNull();

    // biome-ignore lint/complexity/useLiteralKeys: individualExecution is protected; the index reaches it on purpose
    const { result } = await engineFor(credit.id)["individualExecution"]();
    const { step, retriable } = result as InngestTestRun.Checkpoint<"step-ran">;

    expect(step.op).toBe(StepOpCode.StepError);
    expect(step.error).toMatchObject({ name: "RetryAfterError" });
    expect(retriable).toBe("30");
    expect(fakes.stripe.requests()).toHaveLength(0);
  });

  it("an old generation's run stops once Try again started a new one", async () => {
    const { credit } = await storedReward();
    await prisma.rewardCredit.update({ where: { id: credit.id }, data: { generation: 1 } });

    const { result } = await engineFor(credit.id, [], 0).execute();

    expect(result).toMatchObject({ next: "done", status: "superseded" });
    expect(fakes.stripe.requests()).toHaveLength(0);
  });
});

describe("when Inngest gives up (onFailure)", () => {
  it("exhausts an unfinished credit and fails an unfinished redeem, only for the run's generation", async () => {
    const { credit } = await storedReward();
    const failure = (generation: number) => ({
      event: { data: { event: { data: { rewardCreditId: credit.id, generation } } } },
      error: new Error("database unreachable"),
    });

    await settleFailedRewardRun(failure(1));
    expect((await readCredit(credit.id)).status).toBe("pending");

    await settleFailedRewardRun(failure(0));
    expect(await readCredit(credit.id)).toMatchObject({
      status: "exhausted",
      reason: "gave up: database unreachable",
      dueAt: null,
    });

    await prisma.rewardCredit.update({
      where: { id: credit.id },
      data: { status: "credited", redeemStatus: "pending" },
    });
    await settleFailedRewardRun(failure(0));
    expect(await readCredit(credit.id)).toMatchObject({ status: "credited", redeemStatus: "failed" });
  });
});
