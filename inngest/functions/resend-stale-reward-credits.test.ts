// The reward credits' sweeper through @inngest/test against the real database; the hand-over goes through
// the real SDK to a local HTTP server standing where Inngest's event API would be.
import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createTestIntegration } from "@/testing/db/factories";
import { createRewardCredit } from "@/testing/db/reward-factories";
import { useFakeInngestEventApi } from "@/testing/fakes/fake-inngest-event-api";

const inngestApi = useFakeInngestEventApi();

it("hands over overdue, unleased credits and redeems again with their own event ids, and nothing else", async () => {
  const { resendStaleRewardCredits } = await import("@/inngest/functions/resend-stale-reward-credits");
  const { integration } = await createTestIntegration();
  const longAgo = new Date(Date.now() - 30 * 60_000);
  const { credit: lost } = await createRewardCredit(integration, { status: "pending" });
  const { credit: redeemLost } = await createRewardCredit(integration, { status: "credited", redeemStatus: "pending" });
  const { credit: fresh } = await createRewardCredit(integration, { status: "retrying" });
  const { credit: leased } = await createRewardCredit(integration, { status: "pending" });
  const { credit: done } = await createRewardCredit(integration, { status: "failed" });
  await prisma.rewardCredit.updateMany({
    where: { id: { in: [lost.id, redeemLost.id, leased.id, done.id] } },
    data: { dueAt: longAgo, generation: 1 },
  });
  await prisma.rewardCredit.update({
    where: { id: leased.id },
    data: { leaseUntil: new Date(Date.now() + 60_000), leaseToken: "busy" },
  });

  const { result } = await new InngestTestEngine({ function: resendStaleRewardCredits }).execute();

  expect(result).toEqual({ handedOver: 2 });
  expect(
    inngestApi
      .events()
      .map((event) => event.id)
      .sort(),
  ).toEqual([`reward-credit-${lost.id}-1`, `reward-credit-${redeemLost.id}-1`].sort());
  expect(inngestApi.events().map((event) => event.data.rewardCreditId)).not.toContain(fresh.id);
});
