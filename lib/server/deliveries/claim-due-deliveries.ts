import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { ACTIVE_DELIVERY_STATUSES } from "@/lib/server/deliveries/active-statuses";
import { LEASE_MS } from "@/lib/server/deliveries/claim-delivery";

export type ClaimedDelivery = { id: string; leaseToken: string };

/**
 * The local runner's claim: up to `limit` due deliveries, oldest first. SKIP LOCKED lets several
 * workers (or processes) claim side by side without waiting on each other or taking the same row;
 * the lease makes a row a crashed worker held due again once it expires.
 */
export async function claimDueDeliveries(limit: number, tokenPrefix = ""): Promise<ClaimedDelivery[]> {
  // A worker's prefix (WorkerPresence) lets others release these leases the moment it dies.
  const leaseToken = `${tokenPrefix}${randomUUID()}`;
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "Delivery" SET "leaseToken" = ${leaseToken}, "leaseUntil" = now() + ${`${LEASE_MS} milliseconds`}::interval
    WHERE id IN (
      SELECT id FROM "Delivery"
      WHERE "dueAt" <= now() AND status IN ('pending', 'retrying', 'sent') -- ACTIVE_DELIVERY_STATUSES
        AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
      ORDER BY "dueAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  return rows.map(({ id }) => ({ id, leaseToken }));
}

/** When the next unleased delivery falls due, so an idle worker can sleep until then. */
export async function findNextDueAt(): Promise<Date | null> {
  const next = await prisma.delivery.findFirst({
    // Rows being attempted right now are due but not claimable: counting them would make the loop spin.
    where: {
      status: { in: ACTIVE_DELIVERY_STATUSES },
      dueAt: { not: null },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }],
    },
    orderBy: { dueAt: "asc" },
    select: { dueAt: true },
  });
  return next?.dueAt ?? null;
}
