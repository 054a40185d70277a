import { prisma } from "@/lib/db";
import { getJobRunner } from "@/lib/jobs/get-job-runner";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { commitReplay } from "@/lib/server/deliveries/commit-replay";
import type { EventScope } from "@/lib/server/events/event-scope";
import type { ReplayResult } from "@/lib/views/event-view";

/**
 * Replays one delivery (SPEC §8): an exhausted one is sent again from its first attempt, a retrying
 * one is tried now, a delivered one only with `confirmSendAgain` (else CONFLICT: it would be a
 * second conversion), a skipped one never (CONFLICT). Replaying one that is already pending is a
 * no-op. Staff replays are audited in the same transaction. The runner gets the delivery only
 * after commit, with the new generation (Inngest event ids include it).
 */
export async function replayDelivery(
  scope: EventScope,
  deliveryId: string,
  options: { confirmSendAgain?: boolean } = {},
): Promise<ReplayResult> {
  const commit = await prisma.$transaction(async (tx) => {
    const result = await commitReplay(scope, deliveryId, options, tx);
    if (result.isReplayed && scope.role === "staff") {
      await recordAudit(
        {
          staffUserId: scope.staffUserId,
          action: "delivery.replay",
          accountId: result.accountId,
          targetType: "delivery",
          targetId: deliveryId,
          details: { generation: result.delivery.generation, confirmSendAgain: options.confirmSendAgain === true },
        },
        tx,
      );
    }
    return result;
  });
  if (!commit.isReplayed) return { isReplayed: false, status: commit.status };
  await getJobRunner().enqueue([commit.delivery]);
  return { isReplayed: true, status: "pending" };
}
