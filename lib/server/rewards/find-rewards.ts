import { prisma } from "@/lib/db";
import { encodeKeysetCursor } from "@/lib/schemas/list-query";
import type { RewardListQuery } from "@/lib/schemas/rewards";
import type { EventScope } from "@/lib/server/events/event-scope";
import { REWARD_ROW_SELECT, toRewardListItem } from "@/lib/server/rewards/reward-row";
import { afterRewardCursor, REWARD_ORDER, rewardWhere } from "@/lib/server/rewards/reward-where";
import type { RewardPage } from "@/lib/views/reward-view";

export const REWARDS_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

/**
 * One page of the Rewards view, newest first, scoped by who asks. Keyset pagination on (createdAt, id),
 * like the events log: a cursor keeps pointing at the same place while new rewards arrive on top.
 */
export async function findRewards(
  scope: EventScope,
  query: RewardListQuery,
  { limit = REWARDS_PAGE_SIZE } = {},
): Promise<RewardPage> {
  const take = Math.min(Math.max(1, limit), MAX_PAGE_SIZE);
  const rows = await prisma.rewardCredit.findMany({
    where: { AND: [rewardWhere(scope, query), afterRewardCursor(query.cursor)] },
    orderBy: REWARD_ORDER,
    take: take + 1,
    select: REWARD_ROW_SELECT,
  });
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    items: page.map(toRewardListItem),
    nextCursor: rows.length > take && last ? encodeKeysetCursor(last.createdAt, last.id) : null,
  };
}
