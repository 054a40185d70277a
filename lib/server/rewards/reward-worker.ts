// The local runner of reward credits (SPEC §11): a small loop beside the delivery worker that claims due
// credits (and redeems) from the database and tries them. Everything is in the database, so a restart
// loses nothing: a crashed worker's leases expire (LEASE_MS) and the rows fall due again, and a credit
// whose Stripe call may have happened is looked up before anything is sent again (creditInFlightSince).
import { registerRewardWorker } from "@/lib/jobs/local/local-runner";
import { getLogger } from "@/lib/log";
import { idleDelayUntil, WakeableNap } from "@/lib/server/deliveries/wakeable-nap";
import { attemptRewardCredit } from "@/lib/server/rewards/attempt-reward-credit";
import {
  type ClaimedRewardCredit,
  claimDueRewardCredits,
  findNextRewardDueAt,
} from "@/lib/server/rewards/claim-reward-credits";

export type RewardWorkerOptions = { concurrency?: number; maxIdleMs?: number };

export class RewardWorker {
  private isRunning = false;
  private readonly nap = new WakeableNap();
  private loop?: Promise<void>;
  private readonly concurrency: number;
  private readonly maxIdleMs: number;
  private readonly running = new Map<string, Promise<void>>();
  private unregister?: () => void;

  // Rewards arrive by the handful, not by the thousand: a few slots suffice, and they keep Stripe and
  // Advocate calls of one portal modest.
  constructor({ concurrency = 4, maxIdleMs = 5_000 }: RewardWorkerOptions = {}) {
    this.concurrency = concurrency;
    this.maxIdleMs = maxIdleMs;
  }

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.loop = this.run();
    this.unregister = registerRewardWorker(this);
  }

  /** Finishes the tries in flight, then returns. */
  async stop(): Promise<void> {
    this.isRunning = false;
    this.unregister?.();
    this.notify();
    await this.loop;
  }

  /** Intake and Try again call this (through the local runner) after commit. */
  notify(): void {
    this.nap.wakeUp();
  }

  /** Runs until nothing is due; for tests and scripts. Returns how many tries ran. */
  async drain(): Promise<number> {
    let tried = 0;
    for (;;) {
      const claimed = await claimDueRewardCredits(this.concurrency);
      if (claimed.length === 0) return tried;
      tried += claimed.length;
      await Promise.all(claimed.map((credit) => this.launch(credit)));
    }
  }

  private launch({ id, leaseToken }: ClaimedRewardCredit): Promise<void> {
    const attempt = attemptRewardCredit(id, leaseToken, "local")
      .then(
        () => {},
        (error: unknown) =>
          getLogger().error(
            { component: "reward-worker", rewardCreditId: id, err: error },
            "reward credit failed unexpectedly",
          ),
      )
      .finally(() => {
        this.running.delete(id);
        // A credited row is due again at once for its redeem; a finished slot may take the next one.
        this.notify();
      });
    this.running.set(id, attempt);
    return attempt;
  }

  private async run(): Promise<void> {
    while (this.isRunning) {
      const free = this.concurrency - this.running.size;
      try {
        if (free > 0) for (const credit of await claimDueRewardCredits(free)) void this.launch(credit);
      } catch (error) {
        // Database down: keep the loop alive and try again after a pause.
        getLogger().error(
          { component: "reward-worker", reason: (error as Error).message },
          "claiming reward credits failed",
        );
      }
      if (!this.isRunning) break;
      await this.nap.sleep(
        this.running.size === 0 ? await idleDelayUntil(findNextRewardDueAt, this.maxIdleMs) : this.maxIdleMs,
      );
    }
    await Promise.all(this.running.values());
  }
}
