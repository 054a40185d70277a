import { prisma } from "@/lib/db";
import { getJobRunner } from "@/lib/jobs/get-job-runner";
import { resolveDeliveryAlerts } from "@/lib/server/alerts/resolve-delivery-alerts";
import { auditActorOf, recordAudit } from "@/lib/server/audit/record-audit";
import { commitReplay } from "@/lib/server/deliveries/commit-replay";
import type { EventScope } from "@/lib/server/events/event-scope";
import type { ReplayResult } from "@/lib/views/event-view";

/**
 * Replays one delivery (SPEC §6, §8; rules in lib/events/replay-rules): an exhausted or rejected one
 * is sent again from its first attempt, a retrying one is tried now, a delivered or unknown one only
 * with `confirmSendAgain` (else CONFLICT: it would be, or may be, a second conversion), a skipped one
 * never (CONFLICT). Replaying one that is pending or sent (awaiting impact.com) is a no-op. Staff
 * replays, and a brand's send-again, are audited in the same transaction, with the status they replayed. The runner gets the
 * delivery only after commit, with the new generation (Inngest event ids include it).
 */
export async function replayDelivery(
  scope: EventScope,
  deliveryId: string,
  options: { confirmSendAgain?: boolean } = {},
): Promise<ReplayResult> {
  const commit = await prisma.$transaction(async (tx) => {
    const result = await commitReplay(scope, deliveryId, options, tx);
    // Staff replays always; a brand's when it sends again what impact.com has or may have (delivered,
    // unknown): that is a second conversion a person chose to send.
    const isSendAgain = result.isReplayed && ["delivered", "unknown"].includes(result.previousStatus ?? "");
    if (result.isReplayed && (scope.role === "staff" || isSendAgain)) {
      await recordAudit(
        {
          ...auditActorOf(scope),
          action: "delivery.replay",
          accountId: result.accountId,
          targetType: "delivery",
          targetId: deliveryId,
          details: {
            generation: result.delivery.generation,
            previousStatus: result.previousStatus,
            confirmSendAgain: options.confirmSendAgain === true,
          },
        },
        tx,
      );
    }
    return result;
  });
  if (!commit.isReplayed) return { isReplayed: false, status: commit.status };
  await resolveDeliveryAlerts({ accountId: commit.accountId });
  await getJobRunner().enqueue([commit.delivery]);
  return { isReplayed: true, status: "pending" };
}
