import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { prisma } from "@/lib/db";
import { toAdvocateConnectionView } from "@/lib/server/advocate/advocate-connection-view";
import { accountCondition, scopeOf } from "@/lib/server/events/event-scope";
import { integrationNotFound } from "@/lib/server/integrations/integration-helpers";
import type { AdvocateConnectionView } from "@/lib/views/advocate-view";

/**
 * The integration's Advocate connection for its page, or null when it has none. Another account's
 * integration (staff: none) is NOT_FOUND, which the page turns into a 404. Never the key.
 */
export async function getAdvocateConnection(
  principal: Principal,
  integrationId: string,
): Promise<AdvocateConnectionView | null> {
  const integration = await prisma.integration.findFirst({
    where: { id: integrationId, ...accountCondition(scopeOf(principal)) },
    select: {
      advocateConnection: {
        select: { integrationId: true, tenantAlias: true, rewardUnits: true, connectedAt: true, lastRewardAt: true },
      },
    },
  });
  if (!integration) throw integrationNotFound();
  return integration.advocateConnection ? toAdvocateConnectionView(integration.advocateConnection) : null;
}
