import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import type { DeliveryStatus } from "@/lib/generated/prisma/client";
import { createIntegration } from "@/lib/server/integrations/create-integration";
import { chartDays } from "@/lib/server/integrations/find-delivery-stats";
import { findIntegrationSummaries } from "@/lib/server/integrations/find-integration-summaries";
import { createTestAccount } from "@/testing/db/factories";
import { createTestAdvocateConnection } from "@/testing/db/reward-factories";
import { createStripeAccount, integrationInput } from "@/testing/fakes/integration-fixtures";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes();
const NOW = new Date("2026-11-20T12:00:00.000Z");
const HOUR = 60 * 60 * 1000;

async function seedEvent(accountId: string, integrationId: string, receivedAt: Date, n: number) {
  return prisma.stripeEvent.create({
    data: {
      accountId,
      integrationId,
      stripeEventId: `evt_${n}`,
      type: "invoice.paid",
      livemode: false,
      stripeCreatedAt: receivedAt,
      receivedAt,
      status: "accepted",
      payload: {},
    },
    select: { id: true },
  });
}

async function seedDeliveries(
  accountId: string,
  integrationId: string,
  stripeEventId: string,
  rows: Array<[DeliveryStatus, number]>,
) {
  await prisma.delivery.createMany({
    data: rows.map(([status, hoursAgo], index) => ({
      accountId,
      integrationId,
      stripeEventId,
      kind: "conversion" as const,
      dedupeKey: `k-${stripeEventId}-${index}`,
      status,
      createdAt: new Date(NOW.getTime() - hoursAgo * HOUR),
    })),
  });
}

describe("findIntegrationSummaries", () => {
  it("counts the last 24 h by bucket and the last 7 UTC days, per integration, scoped to the account", async () => {
    const account = await createTestAccount();
    const other = await createTestAccount({ companyName: "Other" });
    const { apiKey } = createStripeAccount(fakes.stripe);
    const busy = await createIntegration(account.id, integrationInput(apiKey, { siteUrl: "https://busy.example.com" }));
    await createIntegration(account.id, integrationInput(apiKey, { siteUrl: "https://quiet.example.com" }));
    const foreign = await createIntegration(other.id, integrationInput(apiKey));

    const event = await seedEvent(account.id, busy.id, new Date(NOW.getTime() - 2 * HOUR), 1);
    await seedEvent(account.id, busy.id, new Date(NOW.getTime() - 30 * HOUR), 2);
    await seedDeliveries(account.id, busy.id, event.id, [
      ["delivered", 1],
      ["delivered", 2],
      ["sent", 2], // queued at impact.com, not confirmed: awaiting, never counted as delivered
      ["sent", 4],
      ["pending", 1],
      ["retrying", 3],
      ["exhausted", 5],
      ["rejected", 4],
      ["unknown", 7],
      ["skipped", 6],
      ["delivered", 30], // yesterday (UTC), outside the 24 h window
      ["exhausted", 50],
      ["rejected", 49],
      ["sent", 31],
      ["delivered", 24 * 9], // older than the chart
    ]);
    const foreignEvent = await seedEvent(other.id, foreign.id, NOW, 3);
    await seedDeliveries(other.id, foreign.id, foreignEvent.id, [["exhausted", 1]]);

    const summaries = await findIntegrationSummaries(account.id, NOW);
    expect(summaries.map((summary) => summary.siteUrl)).toEqual([
      "https://quiet.example.com",
      "https://busy.example.com",
    ]);
    const [quietSummary, busySummary] = summaries;

    expect(busySummary!.stats.lastEventAt).toEqual(new Date(NOW.getTime() - 2 * HOUR));
    expect(busySummary!.stats.last24h).toEqual({ delivered: 2, awaiting: 2, pending: 2, failed: 3, skipped: 1 });
    const days = chartDays(NOW);
    expect(days).toEqual([
      "2026-11-14",
      "2026-11-15",
      "2026-11-16",
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
    ]);
    // Delivered is confirmed only; failed is rejected + exhausted + unknown; sent is awaiting impact.com.
    expect(busySummary!.stats.days).toEqual([
      { day: "2026-11-14", delivered: 0, failed: 0, awaiting: 0 },
      { day: "2026-11-15", delivered: 0, failed: 0, awaiting: 0 },
      { day: "2026-11-16", delivered: 0, failed: 0, awaiting: 0 },
      { day: "2026-11-17", delivered: 0, failed: 0, awaiting: 0 },
      { day: "2026-11-18", delivered: 0, failed: 2, awaiting: 0 },
      { day: "2026-11-19", delivered: 1, failed: 0, awaiting: 1 },
      { day: "2026-11-20", delivered: 2, failed: 3, awaiting: 2 },
    ]);

    expect(quietSummary!.stats).toEqual({
      lastEventAt: null,
      last24h: { delivered: 0, awaiting: 0, pending: 0, failed: 0, skipped: 0 },
      days: days.map((day) => ({ day, delivered: 0, failed: 0, awaiting: 0 })),
    });
  });

  it("checks each endpoint in Stripe once a minute and reports enabled, missing and key rejected", async () => {
    const account = await createTestAccount();
    const { stripeAccountId, apiKey } = createStripeAccount(fakes.stripe);
    const { id } = await createIntegration(account.id, integrationInput(apiKey));
    fakes.stripe.clearRequests();

    const statusNow = async () => (await findIntegrationSummaries(account.id))[0]!.endpointStatus;
    expect(await statusNow()).toBe("enabled");
    expect(await statusNow()).toBe("enabled");
    expect(fakes.stripe.requests({ method: "GET" })).toHaveLength(1);

    // Removed behind the portal's back; a row change (any edit) skips the cached answer.
    const endpointId = fakes.stripe.webhookEndpoints(stripeAccountId)[0]!.id;
    await fakes.stripe.client(apiKey).webhookEndpoints.del(endpointId);
    await prisma.integration.update({ where: { id }, data: { updatedAt: new Date() } });
    expect(await statusNow()).toBe("missing");

    const revoked = await createTestAccount();
    const keyOwner = createStripeAccount(fakes.stripe);
    await createIntegration(revoked.id, integrationInput(keyOwner.apiKey));
    fakes.stripe.reset(); // the key (and its account) no longer exist
    await expect((await findIntegrationSummaries(revoked.id))[0]!.endpointStatus).resolves.toBe("key_rejected");
  });

  it("says which integrations are connected to Advocate and when their last reward came", async () => {
    const account = await createTestAccount();
    const { apiKey } = createStripeAccount(fakes.stripe);
    const plain = await createIntegration(
      account.id,
      integrationInput(apiKey, { siteUrl: "https://plain.example.com" }),
    );
    const connected = await createIntegration(account.id, integrationInput(apiKey));
    const rewarded = await createIntegration(account.id, integrationInput(apiKey));
    const lastRewardAt = new Date("2026-11-20T11:00:00.000Z");
    await createTestAdvocateConnection({ id: connected.id, accountId: account.id });
    await createTestAdvocateConnection({ id: rewarded.id, accountId: account.id }, { lastRewardAt });
    const advocateOf = new Map(
      (await findIntegrationSummaries(account.id, NOW)).map((summary) => [summary.id, summary.advocate]),
    );
    expect(advocateOf.get(plain.id)).toBeNull();
    expect(advocateOf.get(connected.id)).toEqual({ lastRewardAt: null });
    expect(advocateOf.get(rewarded.id)).toEqual({ lastRewardAt });
  });

  it("reports Stripe as unreachable without failing the page", async () => {
    const account = await createTestAccount();
    const { apiKey } = createStripeAccount(fakes.stripe);
    await createIntegration(account.id, integrationInput(apiKey));
    fakes.stripe.failNext({ method: "GET", path: "/v1/webhook_endpoints/", action: { kind: "error", status: 503 } });
    expect(await (await findIntegrationSummaries(account.id))[0]!.endpointStatus).toBe("unreachable");
    // An outage is not cached: the next look asks Stripe again.
    expect(await (await findIntegrationSummaries(account.id))[0]!.endpointStatus).toBe("enabled");
  });
});
