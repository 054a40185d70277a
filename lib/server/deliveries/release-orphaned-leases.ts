import { prisma } from "@/lib/db";

/**
 * Makes deliveries due again whose lease a dead local worker still holds — its presence lock
 * (WorkerPresence) is gone — plus those this worker leased but is no longer attempting (an attempt that
 * failed on a database error before it could record anything). Leases without a worker key (Inngest's
 * claimDelivery) are left to expire. Safe against mistakes: an attempt that already sent left an
 * in-flight row, and the next attempt will not send that conversion again (findUnfinishedAttempt).
 * Returns the ids released.
 */
export async function releaseOrphanedLeases(tokenPrefix: string, activeIds: string[]): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "Delivery" d SET "leaseToken" = NULL, "leaseUntil" = NULL
    WHERE d."dueAt" <= now() AND d."leaseUntil" > now() AND d.status IN ('pending', 'retrying', 'sent') AND d."leaseToken" ~ '^w[0-9]+[.]'
      AND (
        (starts_with(d."leaseToken", ${tokenPrefix}) AND NOT (d.id = ANY(${activeIds}::text[])))
        OR NOT EXISTS (
          SELECT 1 FROM pg_locks l
          WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND ((l.classid::bigint << 32) | l.objid::bigint) = substring(d."leaseToken" FROM '^w([0-9]+)[.]')::bigint
        )
      )
    RETURNING d.id`;
  return rows.map(({ id }) => id);
}
