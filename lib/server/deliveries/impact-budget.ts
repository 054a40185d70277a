// IMPACT_HOURLY_BUDGET (SPEC §6a): impact.com allows about 1,000 "other" requests an hour per account.
// Outcome reads and /Actions changes share a budget below that, counted per clock hour in PostgreSQL so
// every portal process draws from the same one. New conversions never ask it: they are never held back.
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";

const HOUR_MS = 3_600_000;

export type BudgetGrant = { isGranted: true } | { isGranted: false; nextWindowAt: Date };

/** Takes one request from this hour's budget of the impact account, atomically; over budget, says when the next hour starts. */
export async function reserveImpactRequest(impactSid: string, now = new Date()): Promise<BudgetGrant> {
  const hourStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const rows = await prisma.$queryRaw<{ used: number }[]>`
    INSERT INTO "ImpactBudgetWindow" ("impactSid", "hourStart", used) VALUES (${impactSid}, ${hourStart}, 1)
    ON CONFLICT ("impactSid", "hourStart") DO UPDATE SET used = "ImpactBudgetWindow".used + 1
      WHERE "ImpactBudgetWindow".used < ${getEnv().IMPACT_HOURLY_BUDGET}
    RETURNING used`;
  if (rows[0]?.used === 1) {
    // The first request of a new hour: yesterday's windows are of no use any more.
    await prisma.impactBudgetWindow.deleteMany({
      where: { hourStart: { lt: new Date(hourStart.getTime() - 86_400_000) } },
    });
  }
  if (rows.length > 0) return { isGranted: true };
  // Spread the wait-listed work over the first minute of the next hour rather than all at its first second.
  return {
    isGranted: false,
    nextWindowAt: new Date(hourStart.getTime() + HOUR_MS + Math.floor(Math.random() * 60_000)),
  };
}
