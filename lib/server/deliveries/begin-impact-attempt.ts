import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";

export { UNKNOWN_OUTCOME_ERROR } from "@/lib/events/replay-rules";

export type InFlightAttempt = {
  runner: "local" | "inngest";
  startedAt: Date;
  requestMethod: string;
  requestUrl: string;
  requestBody: string;
};

export type BeginResult =
  | { kind: "begun"; attemptId: string; hasUnfinished: boolean }
  /** A worker died between sending this conversion and recording the answer: impact.com may have it. */
  | { kind: "unfinished"; startedAt: Date }
  | { kind: "lease-lost" };

/**
 * Records, and commits, that a request to impact.com is about to leave — before it leaves. If the
 * process dies before the outcome is recorded, the row stays `isInFlight`, and the next attempt learns
 * here that impact.com may already have the request: for a conversion (`resendUnfinished` false)
 * nothing is written and `unfinished` comes back, so it is not sent twice; a refund's PUT of the
 * remaining amount is harmless to repeat. Only the current generation counts: a replay starts clean.
 * One statement, so the check costs no extra round trip.
 */
export async function beginImpactAttempt(
  deliveryId: string,
  leaseToken: string,
  attempt: InFlightAttempt,
  { resendUnfinished }: { resendUnfinished: boolean },
): Promise<BeginResult> {
  const [row] = await prisma.$queryRaw<{ hasLease: boolean; priorStartedAt: Date | null; attemptId: string | null }[]>`
    WITH d AS (SELECT id, "attemptCount", generation FROM "Delivery" WHERE id = ${deliveryId} AND "leaseToken" = ${leaseToken}),
    prior AS (
      SELECT a."startedAt" FROM "DeliveryAttempt" a JOIN d ON a."deliveryId" = d.id AND a.generation = d.generation
      WHERE a."isInFlight" ORDER BY a.number DESC LIMIT 1
    ),
    begun AS (
      INSERT INTO "DeliveryAttempt" (id, "deliveryId", number, generation, "startedAt", "durationMs", runner,
        "requestMethod", "requestUrl", "requestBody", "isInFlight")
      SELECT ${randomUUID()}, d.id, d."attemptCount" + 1, d.generation, ${attempt.startedAt}, 0, ${attempt.runner},
        ${attempt.requestMethod}, ${attempt.requestUrl}, ${attempt.requestBody}, true
      FROM d WHERE ${resendUnfinished} OR NOT EXISTS (SELECT 1 FROM prior)
      RETURNING id
    )
    SELECT EXISTS (SELECT 1 FROM d) AS "hasLease", (SELECT "startedAt" FROM prior) AS "priorStartedAt", (SELECT id FROM begun) AS "attemptId"`;
  if (!row?.hasLease) return { kind: "lease-lost" };
  if (row.attemptId) return { kind: "begun", attemptId: row.attemptId, hasUnfinished: row.priorStartedAt !== null };
  return { kind: "unfinished", startedAt: row.priorStartedAt! };
}
