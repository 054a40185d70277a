// The runner interface: intake hands deliveries over after commit; the runner decides how they get
// attempted. Both executors (the local worker, the Inngest functions) call lib/server's attemptDelivery.

/** A delivery to hand over; `generation` (default 0) is set by replays so Inngest sees a new event, not a resend. */
export type EnqueuedDelivery = { id: string; kind: "conversion" | "modification"; dueAt: Date; generation?: number };

export type JobRunner = {
  readonly name: "local" | "inngest";
  /** Called after the transaction that stored the deliveries committed. Must not throw. */
  enqueue(deliveries: EnqueuedDelivery[]): Promise<void>;
};
