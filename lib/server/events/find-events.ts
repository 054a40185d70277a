import { prisma } from "@/lib/db";
import type { EventListQuery } from "@/lib/schemas/events";
import { encodeKeysetCursor } from "@/lib/schemas/list-query";
import { EVENT_ROW_SELECT, toEventListItem } from "@/lib/server/events/event-row";
import type { EventScope } from "@/lib/server/events/event-scope";
import { afterCursor, EVENT_ORDER, eventWhere } from "@/lib/server/events/event-where";
import type { EventPage } from "@/lib/views/event-view";

export const EVENTS_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

/**
 * One page of the delivery log, newest first, scoped by who asks. Keyset pagination on
 * (receivedAt, id): a page reads `limit + 1` rows from an index whatever its depth, and a cursor
 * keeps pointing at the same place while new events arrive on top.
 */
export async function findEvents(
  scope: EventScope,
  query: EventListQuery,
  { limit = EVENTS_PAGE_SIZE } = {},
): Promise<EventPage> {
  const take = Math.min(Math.max(1, limit), MAX_PAGE_SIZE);
  const where = await eventWhere(scope, query);
  const rows = await prisma.stripeEvent.findMany({
    where: { AND: [where, afterCursor(query.cursor)] },
    orderBy: EVENT_ORDER,
    take: take + 1,
    select: EVENT_ROW_SELECT,
  });
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    items: page.map(toEventListItem),
    nextCursor: rows.length > take && last ? encodeKeysetCursor(last.receivedAt, last.id) : null,
  };
}
