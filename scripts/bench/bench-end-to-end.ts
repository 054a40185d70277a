// Webhook received → conversion recorded by the fake impact.com, through the built portal and its
// local runner: the latency is impact.com's recorded request time minus the moment the webhook was sent.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { runIntakeLoad } from "@/scripts/bench/intake-load";
import { startFakeImpact } from "@/testing/fakes/fake-impact";
import { startFakeStripe } from "@/testing/fakes/fake-stripe";
import { createBenchDatabase } from "@/testing/harness/bench-databases";
import { HARNESS, portalEnv } from "@/testing/harness/harness-config";
import { percentile } from "@/testing/harness/percentile";
import { startPortal } from "@/testing/harness/portal-process";
import { seedIntegrations } from "@/testing/harness/seed-integrations";
import { invoicePaidTemplate } from "@/testing/harness/signed-webhooks";

export type EndToEndReport = {
  rate: number;
  seconds: number;
  acknowledged: number;
  converted: number;
  duplicates: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
};

export async function benchEndToEnd({
  rate,
  seconds,
  logDir,
}: {
  rate: number;
  seconds: number;
  logDir: string;
}): Promise<EndToEndReport> {
  const databaseUrl = await createBenchDatabase("e2e");
  const integrations = await seedIntegrations(databaseUrl, { accounts: 2, perAccount: 2 });
  const stripe = await startFakeStripe({
    port: HARNESS.stripePort,
    accounts: integrations.map((integration) => ({ keys: [{ key: integration.stripeApiKey }] })),
  });
  const impact = await startFakeImpact({
    port: HARNESS.impactPort,
    accounts: [...new Set(integrations.map((integration) => integration.impactSid))].map((sid) => ({
      sid,
      authTokens: [HARNESS.impactToken],
    })),
  });
  const portal = await startPortal({
    port: HARNESS.portalPort,
    env: portalEnv({ databaseUrl, port: HARNESS.portalPort }),
    logFile: path.join(logDir, "portal-e2e.log"),
  });
  const sentAt = new Map<string, number>();
  try {
    const load = await runIntakeLoad({
      target: "portal",
      mode: "end-to-end",
      url: portal.url,
      integrations,
      template: invoicePaidTemplate("subscription_create"),
      runId: randomBytes(4).toString("hex"),
      seconds,
      connections: 10,
      rate,
      onSend: (ids, at) => sentAt.set(ids.invoiceId, at),
    });
    const deadline = Date.now() + 60_000;
    while (impact.conversions().length < load.ok && Date.now() < deadline) await delay(200);
    const conversions = impact.conversions();
    const perOrder = new Map<string, number>();
    const latencies: number[] = [];
    for (const conversion of conversions) {
      const orderId = conversion.params.OrderId ?? "";
      perOrder.set(orderId, (perOrder.get(orderId) ?? 0) + 1);
      const sent = sentAt.get(orderId);
      if (sent !== undefined && perOrder.get(orderId) === 1) latencies.push(Date.parse(conversion.time) - sent);
    }
    latencies.sort((a, b) => a - b);
    return {
      rate,
      seconds,
      acknowledged: load.ok,
      converted: perOrder.size,
      duplicates: conversions.length - perOrder.size,
      p50: percentile(latencies, 0.5),
      p90: percentile(latencies, 0.9),
      p99: percentile(latencies, 0.99),
      max: latencies.at(-1) ?? Number.NaN,
    };
  } finally {
    await portal.stop();
    await Promise.all([stripe.close(), impact.close()]);
  }
}
