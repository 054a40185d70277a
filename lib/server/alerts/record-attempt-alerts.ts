import { getLogger } from "@/lib/log";
import { raiseAlert } from "@/lib/server/alerts/raise-alert";
import type { AlertKindName } from "@/lib/views/alert-view";

/** What one recorded attempt tells about the integration's health. */
export type AttemptAlertFacts = {
  /** The delivery's status after the attempt. */
  status: string;
  orderId?: string | null;
  /** Why, as the delivery log shows it (never a secret). */
  reason?: string | null;
  /** impact.com's HTTP status, when it answered. */
  impactStatus?: number;
  /** The attempt's Stripe reads: refused (401/403) or answered; undefined when it made none or they failed otherwise. */
  stripeAccess?: "granted" | "refused";
};

const FINAL_KINDS: Partial<Record<string, AlertKindName>> = {
  exhausted: "delivery_exhausted",
  rejected: "delivery_rejected",
  unknown: "delivery_unknown",
};

function detailOf(facts: AttemptAlertFacts, fallback: string): string {
  const reason = facts.reason ?? fallback;
  return facts.orderId ? `Order ${facts.orderId}: ${reason}` : reason;
}

/**
 * The kinds of alert whose cause one recorded attempt shows gone (SPEC §12): impact.com answering 2xx clears
 * impact_token_refused, Stripe answering the attempt's reads clears stripe_key_refused. recordAttemptOutcome
 * clears them in the attempt's own statement, so that the usual case (nothing open) costs no round trip.
 */
export function alertKindsResolvedBy(facts: AttemptAlertFacts): AlertKindName[] {
  const resolved: AlertKindName[] = [];
  const { impactStatus } = facts;
  if (impactStatus !== undefined && impactStatus >= 200 && impactStatus < 300) resolved.push("impact_token_refused");
  if (facts.stripeAccess === "granted") resolved.push("stripe_key_refused");
  return resolved;
}

/**
 * Raises the alerts one recorded attempt speaks to (SPEC §12): a final exhausted, rejected or unknown
 * status; impact.com answering 401/403; Stripe refusing the key. Called after the attempt's commit and
 * never throws: an alert that could not be written is logged, and the delivery's own outcome stands.
 */
export async function raiseAttemptAlerts(integrationId: string, facts: AttemptAlertFacts): Promise<void> {
  try {
    const finalKind = FINAL_KINDS[facts.status];
    if (finalKind) await raiseAlert({ integrationId, kind: finalKind, detail: detailOf(facts, facts.status) });
    const { impactStatus } = facts;
    if (impactStatus === 401 || impactStatus === 403) {
      await raiseAlert({
        integrationId,
        kind: "impact_token_refused",
        detail: detailOf(facts, `impact.com answered ${impactStatus}`),
      });
    }
    if (facts.stripeAccess === "refused") {
      await raiseAlert({
        integrationId,
        kind: "stripe_key_refused",
        detail: detailOf(facts, "Stripe refused the key"),
      });
    }
  } catch (error) {
    getLogger().error(
      { component: "alerts", integrationId, status: facts.status, reason: (error as Error).message },
      "recording the attempt's alerts failed",
    );
  }
}
