import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { rewardRetryRuleOf } from "@/lib/events/reward-retry-rules";
import { getJobRunner } from "@/lib/jobs/get-job-runner";
import { auditActorOf, recordAudit } from "@/lib/server/audit/record-audit";
import { assertNoAttemptRunning, unchangedSince } from "@/lib/server/deliveries/person-change-guard";
import { accountCondition, scopeOf } from "@/lib/server/events/event-scope";
import type { RewardRetryResult } from "@/lib/views/advocate-view";

/**
 * Try again (SPEC §11): a credit that needs mapping, failed or was exhausted starts over (pending, due
 * now, no attempts counted, generation + 1); a credited one whose redeem failed tries the redeem alone.
 * `creditInFlightSince` is kept: a try whose Stripe outcome is unknown is first looked up, never repeated
 * blindly. The update is conditioned on the row as read (no live lease), so of two clicks one wins.
 * Staff retries are audited with the change. The runner gets it after commit.
 */
export async function retryRewardCredit(principal: Principal, rewardCreditId: string): Promise<RewardRetryResult> {
  const scope = scopeOf(principal);
  const result = await prisma.$transaction(async (tx) => {
    const current = await tx.rewardCredit.findFirst({
      where: { id: rewardCreditId, ...accountCondition(scope) },
      select: {
        id: true,
        accountId: true,
        status: true,
        redeemStatus: true,
        generation: true,
        leaseUntil: true,
        reason: true,
      },
    });
    if (!current) throw new AppError("NOT_FOUND", "No such reward in this account.");
    const rule = rewardRetryRuleOf(current.status, current.redeemStatus);
    if (rule.kind === "refused") throw new AppError("CONFLICT", rule.reason);
    if (rule.kind === "queued")
      return { isRetried: false as const, status: current.status, redeemStatus: current.redeemStatus };
    const now = new Date();
    assertNoAttemptRunning(current, now);
    const data =
      rule.kind === "credit-again"
        ? { status: "pending" as const, reason: null, attemptCount: 0, pendingSince: null, redeemAttemptCount: 0 }
        : { redeemStatus: "pending" as const, reason: null, redeemAttemptCount: 0 };
    const updated = await tx.rewardCredit.updateManyAndReturn({
      where: unchangedSince(current, now),
      data: { ...data, dueAt: now, generation: { increment: 1 }, leaseToken: null, leaseUntil: null },
      select: { id: true, generation: true, status: true, redeemStatus: true },
    });
    const retried = updated[0];
    if (!retried) {
      // Someone else changed it between our read and our write (usually the other half of a double click).
      const now = await tx.rewardCredit.findUniqueOrThrow({
        where: { id: current.id },
        select: { status: true, redeemStatus: true },
      });
      return { isRetried: false as const, ...now };
    }
    if (scope.role === "staff") {
      await recordAudit(
        {
          ...auditActorOf(scope),
          action: "reward.retry",
          accountId: current.accountId,
          targetType: "reward",
          targetId: current.id,
          details: {
            previousStatus: current.status,
            previousReason: current.reason,
            retry: rule.kind,
            generation: retried.generation,
          },
        },
        tx,
      );
    }
    return { isRetried: true as const, credit: retried, status: retried.status, redeemStatus: retried.redeemStatus };
  });
  if (result.isRetried) {
    await getJobRunner().enqueueRewardCredits([{ id: result.credit.id, generation: result.credit.generation }]);
  }
  return { isRetried: result.isRetried, status: result.status, redeemStatus: result.redeemStatus };
}
