// GET /api/metrics through the real route handler (SPEC §12), METRICS_TOKEN unset: open, Prometheus text.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { POST } from "@/app/api/webhooks/stripe/[integrationId]/route";
import { prisma } from "@/lib/db";
import { raiseAlert } from "@/lib/server/alerts/raise-alert";
import { reserveImpactRequest } from "@/lib/server/deliveries/impact-budget";
import { recordAttemptOutcome } from "@/lib/server/deliveries/record-attempt-outcome";
import { createTestIntegration, signedWebhookRequest } from "@/testing/db/factories";
import { createRewardCredit } from "@/testing/db/reward-factories";
import { buildCustomer } from "@/testing/stripe/builders/customer";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

async function scrape(): Promise<{ status: number; contentType: string | null; text: string }> {
  const response = await GET(new Request("http://portal.test/api/metrics"));
  return { status: response.status, contentType: response.headers.get("content-type"), text: await response.text() };
}

/** The value of one sample line, e.g. `portal_deliveries{status="pending"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /api/metrics", () => {
  it("reports intake, deliveries, attempts and the impact budget in Prometheus text format", async () => {
    const { integration, account, webhookSecret } = await createTestIntegration();
    const event = buildEvent("invoice.paid", buildPaidInvoice({ billingReason: "subscription_create" }));
    const url = `http://portal.test/api/webhooks/stripe/${integration.id}`;
    const stored = await POST(signedWebhookRequest(url, event, webhookSecret), {
      params: Promise.resolve({ integrationId: integration.id }),
    });
    expect(stored.status).toBe(200);
    // One attempt recorded the way a runner records it: claim the delivery, then write its outcome.
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { integrationId: integration.id } });
    await prisma.delivery.update({ where: { id: delivery.id }, data: { leaseToken: "metrics-test" } });
    const isRecorded = await recordAttemptOutcome(
      delivery.id,
      "metrics-test",
      { status: "retrying", dueAt: new Date(Date.now() - 5_000), countsAsAttempt: true, lastError: "HTTP 503" },
      {
        runner: "local",
        startedAt: new Date(),
        durationMs: 420,
        requestMethod: "POST",
        requestUrl: "https://api.impact.test/Conversions",
        requestBody: "{}",
        responseStatus: 503,
      },
    );
    expect(isRecorded).toBe(true);
    await reserveImpactRequest(account.impactSid);

    const { status, contentType, text } = await scrape();

    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      "portal_webhooks_received_total",
      "portal_deliveries",
      "portal_delivery_attempt_duration_seconds",
      "portal_deliveries_due",
      "portal_oldest_due_delivery_age_seconds",
      "portal_impact_submissions_awaiting_outcome",
      "portal_impact_budget_used",
      "process_cpu_user_seconds_total",
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(
      sample(text, 'portal_webhooks_received_total{source="webhook",type="invoice.paid",outcome="accepted"}'),
    ).toBe(1);
    expect(sample(text, 'portal_deliveries{status="retrying"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'portal_deliveries{status="exhausted"}')).toBeGreaterThanOrEqual(0);
    expect(
      sample(
        text,
        'portal_delivery_attempt_duration_seconds_bucket{le="0.5",runner="local",method="POST",status="retrying"}',
      ),
    ).toBe(1);
    expect(sample(text, "portal_deliveries_due")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "portal_oldest_due_delivery_age_seconds")).toBeGreaterThanOrEqual(5);
    // The budget is labelled by a short hash of the SID, never by the SID itself.
    const sidHash = createHash("sha256").update(account.impactSid).digest("hex").slice(0, 12);
    expect(sample(text, `portal_impact_budget_used{impact_sid_hash="${sidHash}"}`)).toBe(1);
    expect(text).not.toContain(account.impactSid);
  });

  it("counts a duplicate as such", async () => {
    const { integration, webhookSecret } = await createTestIntegration();
    const event = buildEvent("customer.created", buildCustomer());
    const url = `http://portal.test/api/webhooks/stripe/${integration.id}`;
    const params = { params: Promise.resolve({ integrationId: integration.id }) };
    const before =
      sample(
        (await scrape()).text,
        'portal_webhooks_received_total{source="webhook",type="customer.created",outcome="duplicate"}',
      ) ?? 0;

    await POST(signedWebhookRequest(url, event, webhookSecret), params);
    await POST(signedWebhookRequest(url, event, webhookSecret), params);

    const { text } = await scrape();
    expect(
      sample(text, 'portal_webhooks_received_total{source="webhook",type="customer.created",outcome="duplicate"}'),
    ).toBe(before + 1);
  });

  it("reports reward credits by status, the due ones, and open alerts by kind", async () => {
    const { integration } = await createTestIntegration();
    const before = (await scrape()).text;
    const count = (text: string, series: string) => sample(text, series) ?? 0;
    await createRewardCredit(integration, { status: "credited" });
    await createRewardCredit(integration, { status: "needs_mapping" });
    const due = await createRewardCredit(integration, { status: "retrying" });
    await prisma.rewardCredit.update({ where: { id: due.credit.id }, data: { dueAt: new Date(Date.now() - 1_000) } });
    await raiseAlert({ integrationId: integration.id, kind: "delivery_rejected", detail: "impact.com rejected it" });
    await raiseAlert({ integrationId: integration.id, kind: "delivery_rejected", detail: "and another" });

    const { text } = await scrape();

    for (const status of ["credited", "needs_mapping", "retrying"]) {
      const series = `portal_reward_credits{status="${status}"}`;
      expect(count(text, series)).toBe(count(before, series) + 1);
    }
    expect(sample(text, 'portal_reward_credits{status="exhausted"}')).toBe(0);
    expect(count(text, "portal_reward_credits_due")).toBe(count(before, "portal_reward_credits_due") + 1);
    // One open alert however often it was raised.
    expect(count(text, 'portal_open_alerts{kind="delivery_rejected"}')).toBe(
      count(before, 'portal_open_alerts{kind="delivery_rejected"}') + 1,
    );
    expect(sample(text, 'portal_open_alerts{kind="stripe_key_refused"}')).toBe(0);
  });
});
