import { prisma } from "@/lib/db";
import { getLogger } from "@/lib/log";

/**
 * Convergent: an open delivery alert (exhausted, rejected, unknown) is resolved once no delivery of its
 * integration is in that status any more — after Send again, Mark as delivered or Retry all failed, or
 * anything else that moved them on. Scoped to one account after a person's change; unscoped from the
 * periodic sweep. The NOT EXISTS walks Delivery's (accountId, status, …) index. Never throws: a person's
 * change stands even when its alerts could not be updated, and the next sweep catches up.
 */
export async function resolveDeliveryAlerts({ accountId }: { accountId?: string } = {}, now = new Date()) {
  try {
    return await prisma.$executeRaw`
      UPDATE "Alert" a SET "clearedAt" = ${now}, "clearedReason" = 'resolved'
      WHERE a."clearedAt" IS NULL
        AND a.kind IN ('delivery_exhausted', 'delivery_rejected', 'delivery_unknown')
        AND (${accountId ?? null}::text IS NULL OR a."accountId" = ${accountId ?? null}::text)
        AND NOT EXISTS (
          SELECT 1 FROM "Delivery" d
          WHERE d."accountId" = a."accountId" AND d."integrationId" = a."integrationId"
            AND d.status = (CASE a.kind
              WHEN 'delivery_exhausted' THEN 'exhausted'
              WHEN 'delivery_rejected' THEN 'rejected'
              ELSE 'unknown' END)::"DeliveryStatus"
        )`;
  } catch (error) {
    getLogger().error({ component: "alerts", reason: (error as Error).message }, "resolving delivery alerts failed");
    return 0;
  }
}
