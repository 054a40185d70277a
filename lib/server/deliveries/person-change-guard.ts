// A person's change to a delivery (a replay, "Mark as delivered") is applied only to the row as it was
// read, and never while an attempt holds the lease: of two concurrent clicks exactly one wins, and a send
// in flight is never overtaken (taking its lease away could send the same conversion twice).
import { AppError } from "@/lib/errors/app-error";

type ReadDelivery = { id: string; status: string; generation: number; leaseUntil: Date | null };

export function assertNoAttemptRunning(current: ReadDelivery, now: Date): void {
  if (current.leaseUntil && current.leaseUntil > now) {
    throw new AppError("CONFLICT", "An attempt is running right now; its result appears in a moment.");
  }
}

/** The `where` of the conditioned update: the same id, status and generation, and no live lease. */
export function unchangedSince<S extends string>(current: ReadDelivery & { status: S }, now: Date) {
  return {
    id: current.id,
    status: current.status,
    generation: current.generation,
    OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }],
  };
}
