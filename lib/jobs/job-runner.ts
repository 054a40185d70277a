// The runner interface: intake hands deliveries over after commit; the runner decides how they get
// attempted. Both executors (the local worker, the Inngest functions) call lib/server's attemptDelivery.

/** A delivery to hand over; `generation` (default 0) is set by replays so Inngest sees a new event, not a resend. */
export type EnqueuedDelivery = { id: string; kind: "conversion" | "modification"; dueAt: Date; generation?: number };

/** A reward credit to hand over (SPEC §11); `generation` (default 0) is raised by Try again, like a replay. */
export type EnqueuedRewardCredit = { id: string; generation?: number };

export type JobRunner = {
  readonly name: "local" | "inngest";
  /** Called after the transaction that stored the deliveries committed. Must not throw. */
  enqueue(deliveries: EnqueuedDelivery[]): Promise<void>;
  /** Called after the transaction that stored (or reset) the reward credits committed. Must not throw. */
  enqueueRewardCredits(credits: EnqueuedRewardCredit[]): Promise<void>;
};
