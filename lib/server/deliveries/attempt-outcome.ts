// What one attempt (a send, or an outcome read) ended in: what the runner acts on next.
export type AttemptOutcome =
  /** delivered: impact.com processed it. rejected: impact.com refused it (4xx, or processed with an error). */
  | { status: "delivered" | "skipped" | "exhausted" | "rejected" | "unknown"; reason?: string }
  /** Queued at impact.com: its outcome is read at `nextAttemptAt`. */
  | { status: "sent"; nextAttemptAt: Date }
  | {
      status: "retrying";
      nextAttemptAt: Date;
      reason: string /** impact.com asked us to wait (429). */;
      isRateLimited: boolean;
    }
  | { status: "waiting"; nextAttemptAt: Date; reason: string }
  | { status: "not-attempted"; reason: string };
