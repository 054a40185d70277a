// The data step of migration 20261204010100: rows that only meant "queued" become sent (and are followed)
// while impact.com still keeps their submission; older ones and rows without a submission stay as they were.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { UNKNOWN_OUTCOME_ERROR } from "@/lib/events/replay-rules";
import { createTestEvent } from "@/testing/db/event-factories";
import { createTestIntegration } from "@/testing/db/factories";

const MIGRATION = "prisma/migrations/20261204010100_follow_recent_submissions/migration.sql";
const DAY_MS = 86_400_000;

/** Runs the migration's statements again on rows made to look like they did before it. */
async function runDataMigration() {
  const sql = readFileSync(MIGRATION, "utf8").replace(/^--.*$/gm, "");
  for (const statement of sql
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)) {
    await prisma.$executeRawUnsafe(statement);
  }
}

async function legacyDelivered(
  integration: { id: string; accountId: string },
  deliveredDaysAgo: number,
  queuedUri: string | null,
) {
  const { delivery } = await createTestEvent(integration, { outcome: "delivered" });
  const deliveredAt = new Date(Date.now() - deliveredDaysAgo * DAY_MS);
  return prisma.delivery.update({
    where: { id: delivery!.id },
    data: { queuedUri, deliveredAt, sentAt: null, dueAt: null },
  });
}

describe("migration: follow recent submissions", () => {
  it("follows delivered rows impact.com still keeps, leaves older ones, and gives held sends their own status", async () => {
    const { integration } = await createTestIntegration();
    const recent = await legacyDelivered(integration, 5, "/Advertisers/IR1/APISubmissions/A-recent");
    const old = await legacyDelivered(integration, 120, "/Advertisers/IR1/APISubmissions/A-old");
    const withoutUri = await legacyDelivered(integration, 5, null);
    const { delivery: held } = await createTestEvent(integration, { outcome: "exhausted" });
    await prisma.delivery.update({
      where: { id: held!.id },
      data: { lastError: `${UNKNOWN_OUTCOME_ERROR} (attempt started 2026-12-01T00:00:00.000Z).` },
    });
    await prisma.stripeEvent.update({ where: { id: held!.stripeEventId }, data: { outcome: "exhausted" } });
    const { delivery: failed } = await createTestEvent(integration, { outcome: "exhausted" });

    await runDataMigration();

    const rowAfter = async (id: string) =>
      prisma.delivery.findUniqueOrThrow({ where: { id }, include: { stripeEvent: true } });
    const followed = await rowAfter(recent.id);
    expect(followed).toMatchObject({ status: "sent", deliveredAt: null });
    expect(followed.stripeEvent.outcome).toBe("sent");
    expect(followed.dueAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - followed.sentAt!.getTime()).toBeLessThan(60_000); // three days of reads from now
    expect(await rowAfter(old.id)).toMatchObject({ status: "delivered" });
    expect(await rowAfter(withoutUri.id)).toMatchObject({ status: "delivered" });
    const unknown = await rowAfter(held!.id);
    expect(unknown).toMatchObject({ status: "unknown", dueAt: null });
    expect(unknown.stripeEvent.outcome).toBe("unknown");
    expect(await rowAfter(failed!.id)).toMatchObject({ status: "exhausted" });
  });
});
