// The running RewardWorker (not its drain): intake wakes it through the local runner after commit, and a
// credited reward falls due again at once for its redeem, all without a poll interval in between.
import { afterEach, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { RewardWorker } from "@/lib/server/rewards/reward-worker";
import {
  addReward,
  advocateWebhookRequest,
  createAdvocateWorld,
  postAdvocateWebhook,
} from "@/testing/fakes/connected-advocate";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildCustomer } from "@/testing/stripe/builders/customer";

const fakes = useFakes({ advocate: true });
let worker: RewardWorker | undefined;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

async function waitFor<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

it("is woken by intake and credits, then redeems, well before its idle poll", async () => {
  const world = await createAdvocateWorld(fakes);
  fakes.stripe.seed(world.stripeAccount.id, buildCustomer({ id: world.customerId! }, { currency: "usd" }));
  // An idle poll of a minute: only the wake-up after commit can make this finish within seconds.
  worker = new RewardWorker({ maxIdleMs: 60_000 });
  worker.start();
  await new Promise((resolve) => setTimeout(resolve, 100)); // the loop is asleep now
  const reward = addReward(fakes, world);
  const started = Date.now();

  await postAdvocateWebhook(world.integration.id, await advocateWebhookRequest(fakes, world, { data: reward }));
  const credit = await waitFor(
    () => prisma.rewardCredit.findFirstOrThrow({ where: { integrationId: world.integration.id } }),
    (row) => row.redeemStatus === "redeemed",
  );

  expect(credit).toMatchObject({ status: "credited", redeemStatus: "redeemed" });
  expect(Date.now() - started).toBeLessThan(10_000);
});
