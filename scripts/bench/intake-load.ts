// Signed webhook load with autocannon: every request gets distinct Stripe ids and a fresh real
// signature (setupRequest), spread round-robin over the seeded integrations.
import autocannon from "autocannon";
import { stripeSignatureFor } from "@/testing/fakes/stripe/webhook-delivery";
import type { SeededIntegration } from "@/testing/harness/seed-integrations";
import { benchIds, type InvoiceTemplate } from "@/testing/harness/signed-webhooks";

export type LoadResult = {
  target: string;
  mode: string;
  requests: number;
  ok: number;
  failed: number;
  /** Completed requests per second over the run. */
  throughput: number;
  p50: number;
  p99: number;
  max: number;
};

export type LoadOptions = {
  target: string;
  mode: string;
  url: string;
  integrations: SeededIntegration[];
  template: InvoiceTemplate;
  /** Distinguishes the ids of this run from every other run in the same database. */
  runId: string;
  seconds: number;
  /** Send exactly this many requests instead of running for `seconds`. */
  amount?: number;
  connections: number;
  /** Requests per second over all connections; omit for saturation. */
  rate?: number;
  /** Called with the event id of each request as it is sent (end-to-end timing). */
  onSend?: (ids: ReturnType<typeof benchIds>, sentAt: number) => void;
};

export async function runIntakeLoad(options: LoadOptions): Promise<LoadResult> {
  let counter = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    overallRate: options.rate,
    timeout: 30,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const n = counter++;
          const integration = options.integrations[n % options.integrations.length]!;
          const ids = benchIds(options.runId, n);
          const body = options.template.render(ids);
          options.onSend?.(ids, Date.now());
          return {
            ...request,
            path: `/api/webhooks/stripe/${integration.id}`,
            body,
            headers: {
              "content-type": "application/json",
              "stripe-signature": stripeSignatureFor(body, integration.webhookSecret),
            },
          };
        },
      },
    ],
  });
  const ok = result["2xx"];
  return {
    target: options.target,
    mode: options.mode,
    requests: result.requests.total,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    throughput: Math.round((ok / result.duration) * 10) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}
