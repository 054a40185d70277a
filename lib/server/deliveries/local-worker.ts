// The local runner (SPEC §6): a loop inside the server process that claims due
// deliveries from the database and attempts them. Everything it needs is in the
// database, so a restart (or kill -9) loses nothing: a dead worker's leases are
// released by the next worker that looks, rows fall due again.
import { registerLocalWorker } from "@/lib/jobs/local/local-runner";
import { getLogger } from "@/lib/log";
import { pruneLoginAttempts } from "@/lib/server/auth/prune-login-attempts";
import { attemptDelivery } from "@/lib/server/deliveries/attempt-delivery";
import { type ClaimedDelivery, claimDueDeliveries, findNextDueAt } from "@/lib/server/deliveries/claim-due-deliveries";
import { releaseOrphanedLeases } from "@/lib/server/deliveries/release-orphaned-leases";
import { idleDelayUntil, WakeableNap } from "@/lib/server/deliveries/wakeable-nap";
import { WorkerPresence } from "@/lib/server/deliveries/worker-presence";

export type LocalWorkerOptions = { concurrency?: number; maxIdleMs?: number; impactTimeoutMs?: number };

/** How often a running worker looks for leases of dead workers (and its own abandoned ones). */
const ORPHAN_SWEEP_MS = 5_000;
/** Longest nap while attempts are running (a retry due meanwhile waits at most this long). */
const BUSY_RECHECK_MS = 1_000;
/** While busy, new work is claimed at most this often, so a burst is claimed in one query, not one each. */
const CLAIM_COALESCE_MS = 25;

export class LocalWorker {
  private isRunning = false;
  private readonly nap = new WakeableNap();
  /** Intake stored new work since the last claim (as opposed to an attempt merely finishing). */
  private hasNewWork = true;
  private loop?: Promise<void>;
  private readonly concurrency: number;
  private readonly maxIdleMs: number;
  private readonly impactTimeoutMs?: number;
  /** Set while running: other workers see from it whether this one is alive. */
  private presence?: WorkerPresence;
  private readonly running = new Map<string, Promise<void>>();
  private lastSweepAt = 0;
  private lastClaimAt = 0;
  private unregister?: () => void;

  constructor({ concurrency = 8, maxIdleMs = 5_000, impactTimeoutMs }: LocalWorkerOptions = {}) {
    this.concurrency = concurrency;
    this.impactTimeoutMs = impactTimeoutMs;
    // Upper bound on sleeping: also picks up work another process stored, and expired leases.
    this.maxIdleMs = maxIdleMs;
  }

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.presence = new WorkerPresence();
    this.loop = this.run();
    this.unregister = registerLocalWorker(this);
  }

  /** Finishes the attempts in flight, then returns. */
  async stop(): Promise<void> {
    this.isRunning = false;
    this.unregister?.();
    this.notify();
    await this.loop;
    await this.presence?.release();
    this.presence = undefined;
  }

  /** Intake calls this after commit so new work starts at once instead of at the next poll. */
  notify(): void {
    this.hasNewWork = true;
    this.wakeUp();
  }

  private wakeUp(): void {
    this.nap.wakeUp();
  }

  /** Runs until nothing is due; for tests and scripts that want to drain the queue. */
  async drain(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const claimed = await this.claim(this.concurrency);
      if (claimed.length === 0) return attempted;
      attempted += claimed.length;
      await Promise.all(claimed.map((delivery) => this.launch(delivery)));
    }
  }

  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const prefix = this.presence && (await this.presence.ensure()) ? this.presence.tokenPrefix : "";
    return claimDueDeliveries(limit, prefix);
  }

  /** Starts one attempt in a slot of its own: a slow impact.com answer holds back only its slot. */
  private launch({ id, leaseToken }: ClaimedDelivery): Promise<void> {
    const attempt = attemptDelivery(id, leaseToken, "local", { impactTimeoutMs: this.impactTimeoutMs })
      .then(
        () => {},
        (error: unknown) =>
          getLogger().error({ component: "local-worker", deliveryId: id, err: error }, "delivery failed unexpectedly"),
      )
      .finally(() => {
        this.running.delete(id);
        this.wakeUp();
      });
    this.running.set(id, attempt);
    return attempt;
  }

  /** Frees leases of dead workers at once rather than after LEASE_MS (see releaseOrphanedLeases). */
  private async sweepOrphanedLeases(): Promise<void> {
    if (!this.presence || Date.now() - this.lastSweepAt < ORPHAN_SWEEP_MS || !(await this.presence.ensure())) return;
    this.lastSweepAt = Date.now();
    void pruneLoginAttempts(); // sign-in throttling rows: at most once a minute, never throws
    const released = await releaseOrphanedLeases(this.presence.tokenPrefix, [...this.running.keys()]);
    if (released.length > 0) {
      getLogger().warn(
        { component: "local-worker", deliveryIds: released },
        `released ${released.length} orphaned lease(s) (a dead worker's, or attempts that failed before recording)`,
      );
    }
  }

  /**
   * Claim when idle, when half the slots are free, or for new work once per CLAIM_COALESCE_MS: refilling
   * one slot per event or per finished attempt would cost a claim query per delivery, and CPU is what
   * limits a portal's throughput (docs/performance.md).
   */
  private shouldClaim(free: number): boolean {
    if (free <= 0) return false;
    if (this.running.size === 0 || free >= this.concurrency / 2) return true;
    return this.hasNewWork && Date.now() - this.lastClaimAt >= CLAIM_COALESCE_MS;
  }

  private async run(): Promise<void> {
    while (this.isRunning) {
      this.presence?.beat();
      const free = this.concurrency - this.running.size;
      let claimed = 0;
      try {
        await this.sweepOrphanedLeases();
        if (this.shouldClaim(free)) {
          this.hasNewWork = false;
          this.lastClaimAt = Date.now();
          const batch = await this.claim(free);
          batch.forEach((delivery) => void this.launch(delivery));
          claimed = batch.length;
        }
      } catch (error) {
        // Database down: keep the loop alive and try again after a pause.
        getLogger().error(
          { component: "local-worker", reason: (error as Error).message },
          "claiming deliveries failed",
        );
      }
      if (!this.isRunning) break;
      if (claimed > 0 && claimed === free) continue; // every slot was filled: there may be more due
      // Woken early by intake, or by an attempt finishing and freeing its slot. While attempts run, their
      // completions wake the loop anyway: asking the database when the next row falls due is only worth
      // it when the worker is idle.
      const busyNapMs = this.hasNewWork ? CLAIM_COALESCE_MS : BUSY_RECHECK_MS;
      await this.nap.sleep(this.running.size === 0 ? await idleDelayUntil(findNextDueAt, this.maxIdleMs) : busyNapMs);
    }
    await Promise.all(this.running.values());
  }
}
