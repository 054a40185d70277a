import { prisma } from "@/lib/db";
import { ALERT_ADVICE, ALERT_TITLES, type AlertView } from "@/lib/views/alert-view";

/**
 * The open alerts of one account, or of one of its integrations (the banners of /integrations and
 * /integrations/[id], SPEC §12), most recent first. Always scoped by account: a brand passes its own,
 * support the account it looks at.
 */
export async function findOpenAlerts(accountId: string, integrationId?: string): Promise<AlertView[]> {
  const rows = await prisma.alert.findMany({
    where: { accountId, clearedAt: null, ...(integrationId ? { integrationId } : {}) },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      accountId: true,
      integrationId: true,
      kind: true,
      count: true,
      firstSeenAt: true,
      lastSeenAt: true,
      detail: true,
      integration: { select: { siteUrl: true } },
    },
  });
  return rows.map(({ integration, firstSeenAt, lastSeenAt, ...row }) => ({
    ...row,
    siteUrl: integration.siteUrl,
    title: ALERT_TITLES[row.kind],
    advice: ALERT_ADVICE[row.kind],
    firstSeenAt: firstSeenAt.toISOString(),
    lastSeenAt: lastSeenAt.toISOString(),
  }));
}
