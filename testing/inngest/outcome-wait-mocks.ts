// @inngest/test never returns from an unmocked sleep: these let a run pass the waits between outcome
// reads (SPEC §6a) at once, while the reads themselves run for real against the fake impact.com.
import { outcomeWaitStepId } from "@/lib/server/deliveries/follow-in-inngest-steps";

export function outcomeWaitMocks(deliveryId: string, count = 5): Array<{ id: string; handler: () => void }> {
  return Array.from({ length: count }, (_, index) => ({
    id: outcomeWaitStepId(deliveryId, index + 1),
    handler: () => {},
  }));
}
