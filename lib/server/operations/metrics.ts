// The one Prometheus registry of this process (SPEC §12). Next's dev server re-evaluates modules on every
// edit and may load a module once per bundle, so the registry and its metrics live on globalThis: a second
// copy would either throw ("already registered") or count into a registry nobody scrapes.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    /** Incremented by intake (storeStripeEvent, storeAdvocateEvent) once per event it was handed, duplicates included. */
    webhooksReceived: new Counter({
      name: "portal_webhooks_received_total",
      help: "Verified events handed to intake, by source (webhook and recovery for Stripe, advocate), event type and outcome (accepted, ignored, duplicate).",
      labelNames: ["source", "type", "outcome"] as const,
      registers,
    }),
    /** Observed by recordAttemptOutcome for every HTTP attempt it records (sends and outcome reads). */
    attemptDuration: new Histogram({
      name: "portal_delivery_attempt_duration_seconds",
      help: "Duration of HTTP attempts at impact.com, by runner, request method and the delivery's resulting status.",
      labelNames: ["runner", "method", "status"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    // The gauges below are read from the database at scrape time (syncDeliveryGauges), never counted in memory:
    // every portal process and runner shares the one database, so each scrape tells the same truth.
    deliveries: new Gauge({
      name: "portal_deliveries",
      help: "Deliveries by status.",
      labelNames: ["status"] as const,
      registers,
    }),
    deliveriesDue: new Gauge({
      name: "portal_deliveries_due",
      help: "Active deliveries (pending, retrying, sent) whose next send or outcome read is due now.",
      registers,
    }),
    oldestDueAge: new Gauge({
      name: "portal_oldest_due_delivery_age_seconds",
      help: "How long the longest-waiting due delivery has been due; 0 when nothing is due.",
      registers,
    }),
    awaitingOutcome: new Gauge({
      name: "portal_impact_submissions_awaiting_outcome",
      help: "Submissions impact.com queued whose outcome has not been read yet (status sent).",
      registers,
    }),
    impactBudgetUsed: new Gauge({
      name: "portal_impact_budget_used",
      help: "Requests taken from this clock hour's impact.com budget (IMPACT_HOURLY_BUDGET), by a short hash of the impact account SID.",
      labelNames: ["impact_sid_hash"] as const,
      registers,
    }),
    rewardCredits: new Gauge({
      name: "portal_reward_credits",
      help: "Advocate reward credits (SPEC §11) by status, from the database.",
      labelNames: ["status"] as const,
      registers,
    }),
    rewardCreditsDue: new Gauge({
      name: "portal_reward_credits_due",
      help: "Reward credits (or their redeems) due now and not yet taken by a runner.",
      registers,
    }),
    openAlerts: new Gauge({
      name: "portal_open_alerts",
      help: "Open alerts (SPEC §12) by kind, over all integrations.",
      labelNames: ["kind"] as const,
      registers,
    }),
    impactBudgetLimit: new Gauge({
      name: "portal_impact_budget_limit",
      help: "IMPACT_HOURLY_BUDGET: requests other than new conversions allowed per impact account and hour.",
      registers,
    }),
  };
}

export type PortalMetrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { portalMetrics?: PortalMetrics };

/** The process's registry and metrics, created on first use. */
export function getMetrics(): PortalMetrics {
  globalForMetrics.portalMetrics ??= createMetrics();
  return globalForMetrics.portalMetrics;
}
