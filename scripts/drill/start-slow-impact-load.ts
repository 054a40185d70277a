// The load both disruption drills (kill -9, database restart) run under.
import { randomBytes } from "node:crypto";
import type { DrillWorld } from "@/scripts/drill/drill-world";
import { paidInvoiceEvents, StripeLikeSender } from "@/scripts/drill/stripe-like-sender";

/** What the disruption drills accept; unset values take withDisruptionDefaults. */
export type DisruptionDrillOptions = { logDir: string; settleMs?: number; count?: number; rate?: number };

/** 1,500 paid invoices at 100/s, then up to 2 minutes for every delivery to settle. */
export function withDisruptionDefaults({
  logDir,
  settleMs = 120_000,
  count = 1500,
  rate = 100,
}: DisruptionDrillOptions) {
  return { logDir, settleMs, count, rate };
}

/**
 * impact.com takes 150 ms per conversion, so a disruption always lands while attempts are on the wire; then
 * `count` paid invoices start going out at `rate`/s as Stripe would send them.
 */
export function startSlowImpactLoad(world: DrillWorld, { count, rate }: { count: number; rate: number }) {
  world.impact.setChaos({
    seed: 1,
    path: "/Conversions",
    outcomes: [{ probability: 1, action: { kind: "hang", ms: 150 } }],
  });
  const events = paidInvoiceEvents(randomBytes(3).toString("hex"), count, world.integrations);
  const sender = new StripeLikeSender(world.portalUrl, events);
  const started = Date.now();
  return { events, sender, started, sending: sender.run({ rate }) };
}
