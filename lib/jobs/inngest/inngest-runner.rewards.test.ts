// The reward credits' hand-off to Inngest through the real SDK, against a local stand-in for its event API.
import { expect, it } from "vitest";
import { useFakeInngestEventApi } from "@/testing/fakes/fake-inngest-event-api";

const inngestApi = useFakeInngestEventApi();

it("sends one reward/credit.requested per credit, its id derived from the credit and its Try again generation", async () => {
  const { inngestRunner } = await import("@/lib/jobs/inngest/inngest-runner");
  await inngestRunner.enqueueRewardCredits([{ id: "rc1" }, { id: "rc2", generation: 2 }]);
  await inngestRunner.enqueueRewardCredits([]);

  expect(inngestApi.batches).toHaveLength(1);
  expect(inngestApi.events()).toEqual([
    expect.objectContaining({
      name: "reward/credit.requested",
      id: "reward-credit-rc1-0",
      data: { rewardCreditId: "rc1", generation: 0 },
    }),
    expect.objectContaining({
      name: "reward/credit.requested",
      id: "reward-credit-rc2-2",
      data: { rewardCreditId: "rc2", generation: 2 },
    }),
  ]);
});

it("never fails intake when Inngest cannot be reached: the credits stay pending in the database", async () => {
  const { inngestRunner } = await import("@/lib/jobs/inngest/inngest-runner");
  await inngestApi.stop();
  await expect(inngestRunner.enqueueRewardCredits([{ id: "rc3" }])).resolves.toBeUndefined();
});
