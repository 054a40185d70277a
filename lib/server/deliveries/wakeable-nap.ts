// The pause between a worker loop's turns that a wake-up cuts short (the delivery and reward workers). A
// wake-up that comes while the loop is busy is remembered, so the next nap returns at once: work stored
// during a turn is never left waiting for a whole nap.
export class WakeableNap {
  private wake?: () => void;
  private isWakePending = false;

  /** Ends the current nap now, or the next one as soon as it starts. */
  wakeUp(): void {
    if (this.wake) this.wake();
    else this.isWakePending = true;
  }

  sleep(ms: number): Promise<void> {
    if (this.isWakePending) {
      this.isWakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

/** How long an idle worker sleeps: until the next row falls due, at least 50 ms, at most `maxIdleMs`. */
export async function idleDelayUntil(findNextDueAt: () => Promise<Date | null>, maxIdleMs: number): Promise<number> {
  const next = await findNextDueAt().catch(() => null);
  const untilNext = next ? next.getTime() - Date.now() : maxIdleMs;
  return Math.min(Math.max(untilNext, 50), maxIdleMs);
}
