// The load both disruption drills (kill -9, database restart) run under.
import { randomBytes } from "node:crypto";
import type { DrillWorld } from "@/scripts/drill/drill-world";
import { paidInvoiceEvents, StripeLikeSender } from "@/scripts/drill/stripe-like-sender";

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
