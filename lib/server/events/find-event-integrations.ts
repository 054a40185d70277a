import { prisma } from "@/lib/db";
import { accountCondition, type EventScope } from "@/lib/server/events/event-scope";
import type { IntegrationRef } from "@/lib/views/event-view";

/**
 * The integrations the log's filter offers: the brand's own; for staff those of the chosen account
 * (all accounts' integrations would be an unusable list, so none until an account is chosen).
 */
export async function findEventIntegrations(scope: EventScope, accountFilter?: string): Promise<IntegrationRef[]> {
  if (scope.role === "staff" && !accountFilter) return [];
  return prisma.integration.findMany({
    where: accountCondition(scope, accountFilter),
    orderBy: { createdAt: "asc" },
    select: { id: true, siteUrl: true, mode: true },
  });
}
