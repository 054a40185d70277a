import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { accountCondition, type EventScope } from "@/lib/server/events/event-scope";
import { REWARD_ROW_SELECT, toRewardListItem } from "@/lib/server/rewards/reward-row";
import type { RewardDetail } from "@/lib/views/reward-view";

/**
 * One reward credit with every attempt, newest first. Scoped: another account's id is NOT_FOUND, exactly
 * like an unknown one, so ids cannot be probed.
 */
export async function getRewardDetail(scope: EventScope, rewardCreditId: string): Promise<RewardDetail> {
  const row = await prisma.rewardCredit.findFirst({
    where: { id: rewardCreditId, ...accountCondition(scope) },
    select: {
      ...REWARD_ROW_SELECT,
      redeemedAt: true,
      generation: true,
      advocateEvent: { select: { advocateEventId: true } },
      attempts: { orderBy: [{ startedAt: "desc" }, { number: "desc" }] },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "No such reward in this account.");
  return {
    ...toRewardListItem(row),
    advocateEventId: row.advocateEvent.advocateEventId,
    redeemedAt: row.redeemedAt?.toISOString() ?? null,
    generation: row.generation,
    attempts: row.attempts.map((attempt) => ({
      id: attempt.id,
      number: attempt.number,
      step: attempt.step,
      startedAt: attempt.startedAt.toISOString(),
      durationMs: attempt.durationMs,
      runner: attempt.runner,
      requestMethod: attempt.requestMethod,
      requestUrl: attempt.requestUrl,
      responseStatus: attempt.responseStatus,
      responseBody: attempt.responseBody,
      error: attempt.error,
    })),
  };
}
