import type { TransactionClient } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { replayRuleOf, SEND_AGAIN_WARNING } from "@/lib/events/replay-rules";
import type { EnqueuedDelivery } from "@/lib/jobs/job-runner";
import { assertNoAttemptRunning, unchangedSince } from "@/lib/server/deliveries/person-change-guard";
import { accountCondition, type EventScope } from "@/lib/server/events/event-scope";
import type { DeliveryStatusName } from "@/lib/views/event-view";

export type ReplayCommit =
  | { isReplayed: true; accountId: string; delivery: EnqueuedDelivery; previousStatus: DeliveryStatusName }
  | { isReplayed: false; accountId: string; status: DeliveryStatusName };

/** Why a replay of a conversion impact.com has, or may have, needs a person's "Send again". */
function sendAgainConflict(status: DeliveryStatusName): AppError {
  const state = status === "unknown" ? "may already be at impact.com (outcome unknown)" : "already reached impact.com";
  return new AppError(
    "CONFLICT",
    `This delivery ${state}. ${SEND_AGAIN_WARNING} Confirm with "Send again" to do it anyway.`,
  );
}

/**
 * The database half of a replay, inside the caller's transaction: the delivery starts over as a new
 * generation (pending, due now, no attempts, no lease, nothing left of the previous submission's
 * outcome) and its event shows `pending` again. The update only applies if the row is still what we
 * read (status, generation, no live lease), so of two concurrent replays exactly one wins and the
 * other is a no-op — a double click never sends twice. The caller hands `delivery` to the job runner
 * after commit.
 */
export async function commitReplay(
  scope: EventScope,
  deliveryId: string,
  { confirmSendAgain = false }: { confirmSendAgain?: boolean },
  tx: TransactionClient,
): Promise<ReplayCommit> {
  const current = await tx.delivery.findFirst({
    where: { id: deliveryId, ...accountCondition(scope) },
    select: {
      id: true,
      kind: true,
      status: true,
      generation: true,
      leaseUntil: true,
      skipReason: true,
      accountId: true,
      stripeEventId: true,
    },
  });
  if (!current) throw new AppError("NOT_FOUND", "No such delivery in this account.");
  const rule = replayRuleOf(current.status);
  if (rule.kind === "queued") return { isReplayed: false, accountId: current.accountId, status: current.status };
  if (rule.kind === "refused") {
    throw new AppError("CONFLICT", current.skipReason ? `${rule.reason} Reason: ${current.skipReason}` : rule.reason);
  }
  if (rule.kind === "confirm" && !confirmSendAgain) throw sendAgainConflict(current.status);
  const now = new Date();
  assertNoAttemptRunning(current, now);
  const updated = await tx.delivery.updateManyAndReturn({
    where: unchangedSince(current, now),
    data: {
      status: "pending",
      dueAt: now,
      attemptCount: 0,
      generation: { increment: 1 },
      lastError: null,
      leaseToken: null,
      leaseUntil: null,
      // The previous submission's outcome belongs to the previous generation: the new one is followed afresh.
      queuedUri: null,
      sentAt: null,
      outcomeReads: 0,
      impactErrorType: null,
      impactErrorReason: null,
    },
    select: { id: true, kind: true, dueAt: true, generation: true },
  });
  const replayed = updated[0];
  if (!replayed) {
    // Someone else changed it between our read and our write (usually the other half of a double click).
    const now = await tx.delivery.findUniqueOrThrow({ where: { id: current.id }, select: { status: true } });
    return { isReplayed: false, accountId: current.accountId, status: now.status };
  }
  await tx.stripeEvent.update({ where: { id: current.stripeEventId }, data: { outcome: "pending" } });
  return {
    isReplayed: true,
    accountId: current.accountId,
    previousStatus: current.status,
    delivery: { id: replayed.id, kind: replayed.kind, dueAt: replayed.dueAt ?? now, generation: replayed.generation },
  };
}
