import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AuditTargetType } from "@/lib/server/audit/record-audit";

/** A staff member reading the same resource again within this window adds no row. */
export const STAFF_READ_DEDUP_MINUTES = 10;

// "createdAt" is a timestamp without time zone holding UTC (as Prisma writes it), whatever the session zone.
const UTC_NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

export type StaffRead = {
  staffUserId: string;
  action: "events.list" | "event.view" | "rewards.list" | "reward.view";
  /** The account whose data was read; null for a list over every account. */
  accountId: string | null;
  targetType: AuditTargetType;
  targetId?: string | null;
  details?: Prisma.InputJsonValue;
};

/**
 * Records that a staff member read tenant data, at most once per staff member, resource (action, account,
 * target) and STAFF_READ_DEDUP_MINUTES, so a page kept open with its live refresh adds one row, not one a
 * poll. The check and the insert run under a transaction-scoped advisory lock on that key: two concurrent
 * reads cannot both see "no recent row" and both insert (each statement after the lock sees the other's
 * committed row). True when a row was added.
 */
export async function recordStaffRead(read: StaffRead): Promise<boolean> {
  const accountId = read.accountId ?? null;
  const targetId = read.targetId ?? null;
  const key = JSON.stringify([read.staffUserId, read.action, accountId, read.targetType, targetId]);
  const details = read.details === undefined ? null : JSON.stringify(read.details);
  const [, inserted] = await prisma.$transaction([
    prisma.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit-read:${key}`}, 0))`,
    prisma.$executeRaw`
      INSERT INTO "AuditLog" ("id", "actor", "staffUserId", "action", "accountId", "targetType", "targetId", "details", "createdAt")
      SELECT ${randomUUID()}, 'staff', ${read.staffUserId}, ${read.action}, ${accountId}, ${read.targetType}, ${targetId},
             ${details}::jsonb, ${UTC_NOW}
      WHERE NOT EXISTS (
        SELECT 1 FROM "AuditLog"
        WHERE "staffUserId" = ${read.staffUserId}
          AND "action" = ${read.action}
          AND "accountId" IS NOT DISTINCT FROM ${accountId}
          AND "targetType" IS NOT DISTINCT FROM ${read.targetType}
          AND "targetId" IS NOT DISTINCT FROM ${targetId}
          AND "createdAt" > ${UTC_NOW} - make_interval(mins => ${STAFF_READ_DEDUP_MINUTES})
      )`,
  ]);
  return inserted > 0;
}
