import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EventFilters } from "@/lib/schemas/events";
import { accountCondition, type EventScope } from "@/lib/server/events/event-scope";
import { keysetAfter } from "@/lib/server/events/keyset-after";

/** A search matches few deliveries; the cap only bounds a pathological OrderId shared by many. */
const MAX_ORDER_MATCHES = 1000;

/** Newest first; (receivedAt, id) is unique, so the order — and every cursor — is stable. */
export const EVENT_ORDER: Prisma.StripeEventOrderByWithRelationInput[] = [{ receivedAt: "desc" }, { id: "desc" }];

function dateBound(value: string, edge: "from" | "to"): Prisma.DateTimeFilter {
  // A bare date means the whole UTC day: `to` includes it, so the bound is the next midnight.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const midnight = new Date(`${value}T00:00:00.000Z`);
    return edge === "from" ? { gte: midnight } : { lt: new Date(midnight.getTime() + 86_400_000) };
  }
  return edge === "from" ? { gte: new Date(value) } : { lte: new Date(value) };
}

/**
 * The WHERE of the delivery log. Each filter maps onto one of StripeEvent's composite indexes
 * (accountId | integrationId | accountId+type | accountId+outcome, then receivedAt desc, id desc),
 * so PostgreSQL walks an index in list order and stops after one page. The search is exact match
 * on three indexed columns (stripeEventId, customerId, Delivery.orderId), never a LIKE or JSON scan.
 */
export async function eventWhere(scope: EventScope, filters: EventFilters): Promise<Prisma.StripeEventWhereInput> {
  const account = accountCondition(scope, filters.account);
  const and: Prisma.StripeEventWhereInput[] = [account];
  if (filters.integration) and.push({ integrationId: filters.integration });
  if (filters.type) and.push({ type: filters.type });
  if (filters.status) and.push({ outcome: filters.status });
  if (filters.from) and.push({ receivedAt: dateBound(filters.from, "from") });
  if (filters.to) and.push({ receivedAt: dateBound(filters.to, "to") });
  if (filters.q) {
    // Resolved first so the main query is a BitmapOr of three index lookups rather than an EXISTS per row.
    const byOrder = await prisma.delivery.findMany({
      where: { orderId: filters.q, ...account },
      select: { stripeEventId: true },
      take: MAX_ORDER_MATCHES,
    });
    and.push({
      OR: [
        { stripeEventId: filters.q },
        { customerId: filters.q },
        { id: { in: byOrder.map((row) => row.stripeEventId) } },
      ],
    });
  }
  return { AND: and };
}

/** Rows after the cursor in EVENT_ORDER (see keysetAfter). */
export function afterCursor(cursor: string | null | undefined): Prisma.StripeEventWhereInput {
  return keysetAfter("receivedAt", cursor);
}
