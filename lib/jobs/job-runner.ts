// The runner interface: intake hands deliveries over after commit; the runner
// decides how they get attempted. Both implementations call attemptDelivery.
import type { PlannedDelivery } from "@/lib/server/webhooks/store-stripe-event";

export interface JobRunner {
  readonly name: "local" | "inngest";
  /** Called after the transaction that stored the deliveries committed. Must not throw. */
  enqueue(deliveries: PlannedDelivery[]): Promise<void>;
}
