// Sends signed webhooks the way Stripe does for the drills: each event until it is acknowledged with a
// 2xx, re-signed on every try, unacknowledged ones again after a pause. Every response is kept with its
// time, so a drill can ask what the portal answered while something was broken.
import { setTimeout as delay } from "node:timers/promises";
import { stripeSignatureFor } from "@/testing/fakes/stripe/webhook-delivery";
import type { SeededIntegration } from "@/testing/harness/seed-integrations";
import { benchIds, invoicePaidTemplate } from "@/testing/harness/signed-webhooks";

export type DrillEvent = {
  eventId: string;
  orderId: string;
  integration: SeededIntegration;
  body: string;
  acknowledgedAt?: number;
  tries: number;
};
export type SendRecord = { at: number; status: number | "network-error" | "timeout"; eventId: string };

/** `count` invoice.paid (subscription_create) events with distinct ids, spread over the integrations. */
export function paidInvoiceEvents(runId: string, count: number, integrations: SeededIntegration[]): DrillEvent[] {
  const template = invoicePaidTemplate("subscription_create");
  return Array.from({ length: count }, (_, n) => {
    const ids = benchIds(runId, n);
    return {
      eventId: ids.eventId,
      orderId: ids.invoiceId,
      integration: integrations[n % integrations.length]!,
      body: template.render(ids),
      tries: 0,
    };
  });
}

export class StripeLikeSender {
  readonly records: SendRecord[] = [];
  private readonly retryQueue: { event: DrillEvent; at: number }[] = [];

  constructor(
    private readonly url: string,
    private readonly events: DrillEvent[],
  ) {}

  get unacknowledged(): DrillEvent[] {
    return this.events.filter((event) => event.acknowledgedAt === undefined);
  }

  /** Sends every event once at `rate`/s, and keeps resending failures every `resendAfterMs` until all are acknowledged or `deadlineMs` passes. */
  async run({
    rate,
    resendAfterMs = 1_000,
    deadlineMs = 120_000,
  }: {
    rate: number;
    resendAfterMs?: number;
    deadlineMs?: number;
  }): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    const interval = 1000 / rate;
    const inFlight = new Set<Promise<void>>();
    let next = 0;
    let tick = Date.now();
    while (Date.now() < deadline && (next < this.events.length || this.retryQueue.length > 0 || inFlight.size > 0)) {
      const due = this.retryQueue.findIndex((entry) => entry.at <= Date.now());
      const event =
        due >= 0
          ? this.retryQueue.splice(due, 1)[0]!.event
          : next < this.events.length
            ? this.events[next++]
            : undefined;
      if (event) {
        const sending = this.send(event, resendAfterMs).finally(() => inFlight.delete(sending));
        inFlight.add(sending);
      }
      tick += interval;
      await delay(Math.max(0, tick - Date.now()));
      if (!event && inFlight.size > 0 && this.retryQueue.length === 0) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  }

  private async send(event: DrillEvent, resendAfterMs: number): Promise<void> {
    event.tries++;
    let status: SendRecord["status"];
    try {
      const response = await fetch(`${this.url}/api/webhooks/stripe/${event.integration.id}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "stripe-signature": stripeSignatureFor(event.body, event.integration.webhookSecret),
        },
        body: event.body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch (error) {
      status = (error as Error).name === "TimeoutError" ? "timeout" : "network-error";
    }
    this.records.push({ at: Date.now(), status, eventId: event.eventId });
    if (typeof status === "number" && status >= 200 && status < 300) event.acknowledgedAt ??= Date.now();
    else this.retryQueue.push({ event, at: Date.now() + resendAfterMs });
  }
}

/** Counts of answers by kind, optionally only those received within [from, to]. */
export function tallyAnswers(records: SendRecord[], window?: { from: number; to: number }) {
  const tally = { "2xx": 0, "4xx": 0, "5xx": 0, "network-error": 0, timeout: 0 };
  for (const record of records) {
    if (window && (record.at < window.from || record.at > window.to)) continue;
    if (typeof record.status === "string") tally[record.status]++;
    else tally[record.status >= 500 ? "5xx" : record.status >= 400 ? "4xx" : "2xx"]++;
  }
  return tally;
}
