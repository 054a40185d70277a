// The local runner (SPEC §6): a loop inside the server process that claims due
// deliveries from the database and attempts them. Everything it needs is in the
// database, so a restart (or kill -9) loses nothing: leases expire, rows fall due again.
import { attemptDelivery } from "@/lib/server/deliveries/attempt-delivery";
import { claimDueDeliveries, findNextDueAt } from "@/lib/server/deliveries/claim-due-deliveries";

export type LocalWorkerOptions = { concurrency?: number; maxIdleMs?: number; impactTimeoutMs?: number };

export class LocalWorker {
  private isRunning = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private readonly concurrency: number;
  private readonly maxIdleMs: number;
  private readonly impactTimeoutMs?: number;

  constructor({ concurrency = 8, maxIdleMs = 5_000, impactTimeoutMs }: LocalWorkerOptions = {}) {
    this.concurrency = concurrency;
    this.impactTimeoutMs = impactTimeoutMs;
    // Upper bound on sleeping: also picks up work another process stored, and expired leases.
    this.maxIdleMs = maxIdleMs;
  }

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.loop = this.run();
  }

  /** Finishes the attempts in flight, then returns. */
  async stop(): Promise<void> {
    this.isRunning = false;
    this.wake?.();
    await this.loop;
  }

  /** Intake calls this after commit so new work starts at once instead of at the next poll. */
  notify(): void {
    this.wake?.();
  }

  /** Runs until nothing is due; for tests and scripts that want to drain the queue. */
  async drain(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const batch = await this.runBatch();
      if (batch === 0) return attempted;
      attempted += batch;
    }
  }

  private async runBatch(): Promise<number> {
    const claimed = await claimDueDeliveries(this.concurrency);
    await Promise.all(
      claimed.map(({ id, leaseToken }) =>
        attemptDelivery(id, leaseToken, "local", { impactTimeoutMs: this.impactTimeoutMs }).catch((error) => console.error(`[local-worker] delivery ${id} failed unexpectedly`, error)),
      ),
    );
    return claimed.length;
  }

  private async run(): Promise<void> {
    while (this.isRunning) {
      let worked = 0;
      try {
        worked = await this.runBatch();
      } catch (error) {
        // Database down: keep the loop alive and try again after a pause.
        console.error("[local-worker] claiming deliveries failed", (error as Error).message);
      }
      if (worked > 0 || !this.isRunning) continue;
      await this.sleep(await this.idleDelay());
    }
  }

  private async idleDelay(): Promise<number> {
    const next = await findNextDueAt().catch(() => null);
    const untilNext = next ? next.getTime() - Date.now() : this.maxIdleMs;
    return Math.min(Math.max(untilNext, 50), this.maxIdleMs);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
