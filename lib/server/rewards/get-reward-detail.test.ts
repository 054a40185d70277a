// One reward with its attempts, scoped: another account's id is the same NOT_FOUND as an unknown one.
import { beforeAll, describe, expect, it } from "vitest";
import type { EventScope } from "@/lib/server/events/event-scope";
import { getRewardDetail } from "@/lib/server/rewards/get-reward-detail";
import { createTestIntegration } from "@/testing/db/factories";
import { createRewardCredit } from "@/testing/db/reward-factories";

let scope: EventScope;
let creditId: string;
let advocateEventId: string;

beforeAll(async () => {
  const { integration } = await createTestIntegration();
  scope = { role: "brand", accountId: integration.accountId };
  const { credit, event } = await createRewardCredit(integration, {
    status: "retrying",
    unit: "STRIPE/JPY",
    amount: 1200,
    attempts: [
      { step: "reward-read", startedAt: new Date(Date.UTC(2026, 11, 4, 9, 0)) },
      {
        step: "credit",
        startedAt: new Date(Date.UTC(2026, 11, 4, 9, 1)),
        responseStatus: 503,
        responseBody: null,
        error: "Stripe answered 503",
      },
    ],
  });
  creditId = credit.id;
  advocateEventId = event.advocateEventId;
});

describe("getRewardDetail", () => {
  it("gives the reward, the webhook event that brought it and every attempt, newest first", async () => {
    const detail = await getRewardDetail(scope, creditId);
    expect(detail).toMatchObject({
      id: creditId,
      status: "retrying",
      currency: "jpy",
      amount: 1200,
      amountText: "1200",
      advocateEventId,
      generation: 0,
    });
    expect(detail.attempts.map((attempt) => [attempt.number, attempt.step, attempt.responseStatus])).toEqual([
      [2, "credit", 503],
      [1, "reward-read", 200],
    ]);
    expect(detail.attempts[0]).toMatchObject({ error: "Stripe answered 503", startedAt: "2026-12-04T09:01:00.000Z" });
  });

  it("is NOT_FOUND for another account's reward and for an unknown id; staff see it", async () => {
    const { integration: otherIntegration } = await createTestIntegration();
    const other: EventScope = { role: "brand", accountId: otherIntegration.accountId };
    await expect(getRewardDetail(other, creditId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getRewardDetail(scope, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getRewardDetail({ role: "staff", staffUserId: "s" }, creditId)).resolves.toMatchObject({
      id: creditId,
    });
  });
});
