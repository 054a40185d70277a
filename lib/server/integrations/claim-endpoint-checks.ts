import { prisma } from "@/lib/db";
import type { EndpointCheckTarget } from "@/lib/server/integrations/check-webhook-endpoint";

/** SPEC §12: an on-call team hears of a disabled endpoint within about this long, without opening a page. */
export const ENDPOINT_CHECK_PERIOD_MS = 10 * 60_000;
/** The pace is set per minute: each minute at most a tenth of the enabled integrations is claimed. */
const PACE_WINDOW_MS = 60_000;

/**
 * Claims this minute's share of the enabled integrations whose endpoint is due a look (never looked at, or
 * last claimed a period ago), oldest first, by stamping `endpointCheckedAt`. The share is a tenth of the
 * enabled integrations less what was claimed in the last minute, so a backlog (a fresh deploy, a long
 * outage) is spread over the period instead of hitting Stripe at once, and the looks stay spread after it.
 *
 * Across processes: a transaction-scoped advisory lock lets one claim run at a time (a second process in
 * the same moment claims nothing, and after it sees the first one's stamps in the share), and the stamp
 * makes every other process skip a claimed row for a period. FOR NO KEY UPDATE does not wait for intake
 * (its inserts hold FOR KEY SHARE on the row); SKIP LOCKED passes over a row an edit holds. A process that
 * dies after claiming only delays that look by one period.
 */
export async function claimEndpointChecks(now = new Date()): Promise<EndpointCheckTarget[]> {
  return prisma.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ isLocked: boolean }[]>`
      SELECT pg_try_advisory_xact_lock(hashtext('endpoint-checks'), 0) AS "isLocked"`;
    if (!lock?.isLocked) return [];
    return tx.$queryRaw<EndpointCheckTarget[]>`
      WITH pace AS (
        SELECT GREATEST(0,
          CEIL(COUNT(*) FILTER (WHERE "isEnabled") * ${PACE_WINDOW_MS}::float8 / ${ENDPOINT_CHECK_PERIOD_MS})::int
          - COUNT(*) FILTER (WHERE "endpointCheckedAt" > ${new Date(now.getTime() - PACE_WINDOW_MS)})::int
        ) AS share
        FROM "Integration"
      ), due AS (
        SELECT id FROM "Integration"
        WHERE "isEnabled"
          AND ("endpointCheckedAt" IS NULL OR "endpointCheckedAt" <= ${new Date(now.getTime() - ENDPOINT_CHECK_PERIOD_MS)})
        ORDER BY "endpointCheckedAt" ASC NULLS FIRST, id
        LIMIT (SELECT share FROM pace)
        FOR NO KEY UPDATE SKIP LOCKED
      )
      UPDATE "Integration" i SET "endpointCheckedAt" = ${now}
      FROM due WHERE i.id = due.id
      RETURNING i.id, i."stripeWebhookEndpointId", i."stripeApiKeyEncrypted", i."updatedAt", i."isEnabled"`;
  });
}
