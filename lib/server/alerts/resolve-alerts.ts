import { prisma } from "@/lib/db";
import type { AlertKindName } from "@/lib/views/alert-view";

/**
 * The cause of these kinds of alert is gone for the integration (an endpoint found enabled, a token
 * impact.com accepted, a key Stripe answered): their open alerts are cleared as "resolved". One
 * statement on the partial unique index; a no-op when none is open, which is the usual case.
 */
export async function resolveAlerts(integrationId: string, kinds: AlertKindName[], now = new Date()): Promise<number> {
  if (kinds.length === 0) return 0;
  const { count } = await prisma.alert.updateMany({
    where: { integrationId, kind: { in: kinds }, clearedAt: null },
    data: { clearedAt: now, clearedReason: "resolved" },
  });
  return count;
}
