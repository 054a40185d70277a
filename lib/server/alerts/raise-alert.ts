import { randomUUID } from "node:crypto";
import { prisma, type TransactionClient } from "@/lib/db";
import type { AlertKindName } from "@/lib/views/alert-view";

/** A stored detail is a sentence for a banner, not a log: impact.com's or Stripe's words stay bounded. */
const MAX_DETAIL_LENGTH = 500;

export type AlertOccurrence = { integrationId: string; kind: AlertKindName; detail: string };

/**
 * One occurrence of a problem of an integration (SPEC §12): opens its alert of that kind, or bumps the open
 * one's count, lastSeenAt and detail, and counts it into the next message of the hourly window. One
 * statement: the partial unique index "Alert_one_open_per_kind" (clearedAt IS NULL) makes concurrent
 * raises meet in ON CONFLICT, so there is never a second open row. An integration deleted meanwhile
 * raises nothing. The caller keeps it off its own failure path (see recordAttemptAlerts).
 */
export async function raiseAlert(
  { integrationId, kind, detail }: AlertOccurrence,
  now = new Date(),
  db: TransactionClient = prisma,
): Promise<void> {
  const text = detail.length > MAX_DETAIL_LENGTH ? `${detail.slice(0, MAX_DETAIL_LENGTH - 1)}…` : detail;
  await db.$executeRaw`
    WITH raised AS (
      INSERT INTO "Alert" (id, "accountId", "integrationId", kind, detail, "firstSeenAt", "lastSeenAt")
      SELECT ${randomUUID()}, i."accountId", i.id, ${kind}::"AlertKind", ${text}, ${now}, ${now}
      FROM "Integration" i WHERE i.id = ${integrationId}
      ON CONFLICT ("integrationId", kind) WHERE "clearedAt" IS NULL
      DO UPDATE SET count = "Alert".count + 1, "lastSeenAt" = EXCLUDED."lastSeenAt", detail = EXCLUDED.detail
      RETURNING "integrationId", kind
    )
    INSERT INTO "AlertNotificationWindow" ("integrationId", kind, "unsentCount", "pendingSince")
    SELECT "integrationId", kind, 1, ${now} FROM raised
    ON CONFLICT ("integrationId", kind) DO UPDATE SET
      "unsentCount" = "AlertNotificationWindow"."unsentCount" + 1,
      "pendingSince" = COALESCE("AlertNotificationWindow"."pendingSince", EXCLUDED."pendingSince")`;
}
