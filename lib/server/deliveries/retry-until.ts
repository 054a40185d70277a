import { setTimeout as delay } from "node:timers/promises";

/**
 * Runs `work` until it resolves, retrying any throw with a growing pause (250 ms … 5 s) for up to
 * `forMs`, then rethrows the last error. For writes that must not be lost while the process still
 * knows what to write — e.g. the outcome of a request impact.com already answered, while PostgreSQL
 * restarts.
 */
export async function retryUntil<T>(
  work: () => Promise<T>,
  { forMs, onRetry }: { forMs: number; onRetry?: (error: unknown) => void },
): Promise<T> {
  const deadline = Date.now() + forMs;
  for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() + pause > deadline) throw error;
      onRetry?.(error);
      await delay(pause);
    }
  }
}
