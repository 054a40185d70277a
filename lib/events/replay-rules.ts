// Which deliveries a person may replay, shared by the domain rule (lib/server) and the buttons (UI)
// so the page never offers what the server would refuse.
import type { DeliveryStatusName } from "@/lib/views/event-view";

export type ReplayRule =
  /** Failed for good: send it again from the first attempt. */
  | { kind: "replay" }
  /** Waiting for its next retry: try now instead. */
  | { kind: "retry-now" }
  /** Already sent: a second send is a second conversion, so a person must confirm it. */
  | { kind: "confirm" }
  /** Already queued: replaying again changes nothing (a double click must not double-send). */
  | { kind: "queued" }
  | { kind: "refused"; reason: string };

export const SKIPPED_NOT_REPLAYABLE =
  "Skipped deliveries are never sent: the event must not become a conversion (see the reason). Nothing to replay.";

export const SEND_AGAIN_WARNING = "This sends a second conversion to impact.com.";

/** The reason a conversion is held after its worker died mid-send (see begin-impact-attempt). */
export const UNKNOWN_OUTCOME_ERROR = "outcome unknown: the portal stopped before impact.com's answer was recorded";

/** Held conversions may already be at impact.com: like delivered ones, only a person's "Send again" resends them. */
export const isOutcomeUnknown = (lastError: string | null | undefined) =>
  Boolean(lastError?.startsWith(UNKNOWN_OUTCOME_ERROR));

export function replayRuleOf(status: DeliveryStatusName, lastError?: string | null): ReplayRule {
  switch (status) {
    case "exhausted":
      return isOutcomeUnknown(lastError) ? { kind: "confirm" } : { kind: "replay" };
    case "retrying":
      return { kind: "retry-now" };
    case "delivered":
      return { kind: "confirm" };
    case "pending":
      return { kind: "queued" };
    case "skipped":
      return { kind: "refused", reason: SKIPPED_NOT_REPLAYABLE };
  }
}
