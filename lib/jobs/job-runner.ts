// The runner interface: intake hands deliveries over after commit; the runner
// decides how they get attempted. Both implementations call attemptDelivery.
import type { PlannedDelivery } from "@/lib/server/webhooks/store-stripe-event";

/** A delivery to hand over; `generation` (default 0) is set by replays so Inngest sees a new event, not a resend. */
export type EnqueuedDelivery = PlannedDelivery & { generation?: number };

export interface JobRunner {
  readonly name: "local" | "inngest";
  /** Called after the transaction that stored the deliveries committed. Must not throw. */
  enqueue(deliveries: EnqueuedDelivery[]): Promise<void>;
}
