// Which deliveries a person may replay or mark as delivered, shared by the domain rules (lib/server) and
// the buttons (UI) so the page never offers what the server would refuse.
import type { DeliveryStatusName } from "@/lib/views/event-view";

export type ReplayRule =
  /** Failed for good (exhausted), or refused by impact.com (rejected): send it again from the first attempt. */
  | { kind: "replay" }
  /** Waiting for its next retry: try now instead. */
  | { kind: "retry-now" }
  /** impact.com has it (delivered) or may have it (unknown): a second send may credit twice, so a person confirms. */
  | { kind: "confirm" }
  /** Already on its way (pending) or at impact.com awaiting its outcome (sent): replaying changes nothing. */
  | { kind: "queued" }
  | { kind: "refused"; reason: string };

export const SKIPPED_NOT_REPLAYABLE =
  "Skipped deliveries are never sent: the event must not become a conversion (see the reason). Nothing to replay.";

export const SEND_AGAIN_WARNING = "This sends a second conversion to impact.com.";

/** Why a conversion is held (status `unknown`) after its worker died mid-send (see begin-impact-attempt). */
export const UNKNOWN_OUTCOME_ERROR = "outcome unknown: the portal stopped before impact.com's answer was recorded";

export function replayRuleOf(status: DeliveryStatusName): ReplayRule {
  switch (status) {
    case "exhausted":
      return { kind: "replay" };
    // A rejected submission credited nothing, so sending it again (after fixing the cause) is no second conversion.
    case "rejected":
      return { kind: "replay" };
    case "retrying":
      return { kind: "retry-now" };
    case "delivered":
    case "unknown":
      return { kind: "confirm" };
    case "pending":
    case "sent":
      return { kind: "queued" };
    case "skipped":
      return { kind: "refused", reason: SKIPPED_NOT_REPLAYABLE };
  }
}

/**
 * Only a send whose outcome is unknown can be marked as delivered by a person (who found it in impact.com);
 * every other status is known to the portal, and a person's word must not overwrite it.
 */
export const canMarkDelivered = (status: DeliveryStatusName): boolean => status === "unknown";

export function markDeliveredRefusal(status: DeliveryStatusName): string {
  return `Only a delivery whose outcome is unknown can be marked as delivered; this one is ${status}.`;
}
