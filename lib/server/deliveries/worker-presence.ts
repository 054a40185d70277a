// A local worker's proof of life, kept by PostgreSQL itself: a session-level advisory lock on a random
// key, held on a connection of its own. When the process dies (kill -9, crash, OOM) the server closes
// that session and the lock is gone at once, so any worker can tell its leases are orphaned
// (releaseOrphanedLeases) instead of waiting out LEASE_MS.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { getEnv } from "@/lib/env";

// The in-process heartbeat /api/health reads (SPEC §12): the local worker's loop beats once per turn. It
// lives on globalThis because Next may load this module once per bundle, while the worker runs in one.
type Heartbeat = { key: string; at: number };
const globalForHeartbeat = globalThis as unknown as { portalWorkerHeartbeat?: Heartbeat };

export class WorkerPresence {
  /** Positive 62-bit key, as text: lease tokens carry it (`w<key>.<uuid>`). */
  readonly key = (BigInt(`0x${randomBytes(8).toString("hex")}`) >> 2n).toString();
  private client?: pg.Client;
  private connecting?: Promise<boolean>;

  /** The lease-token prefix of this worker. */
  get tokenPrefix(): string {
    return `w${this.key}.`;
  }

  /**
   * Holds the lock, reconnecting after the database restarted (the same key, so leases taken before
   * the restart stay this worker's). Resolves false while the database is unreachable.
   */
  async ensure(): Promise<boolean> {
    if (this.client) return true;
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** The loop's proof of progress in this process: called at every turn, never touches the database. */
  beat(at = Date.now()): void {
    globalForHeartbeat.portalWorkerHeartbeat = { key: this.key, at };
  }

  /** When a local worker of this process last turned its loop; undefined when none runs here. */
  static lastBeatAt(): number | undefined {
    return globalForHeartbeat.portalWorkerHeartbeat?.at;
  }

  async release(): Promise<void> {
    // A stopped worker is not a stale one: its heartbeat goes with it.
    if (globalForHeartbeat.portalWorkerHeartbeat?.key === this.key)
      globalForHeartbeat.portalWorkerHeartbeat = undefined;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<boolean> {
    const client = new pg.Client({ connectionString: getEnv().DATABASE_URL, connectionTimeoutMillis: 5_000 });
    // A lost session (database restart) must not crash the process: forget it and reconnect on the next ensure().
    const forget = () => {
      if (this.client === client) this.client = undefined;
    };
    client.on("error", forget);
    client.on("end", forget);
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [
        this.key,
      ]);
      if (!rows[0]?.locked) throw new Error("advisory lock already held");
      this.client = client;
      return true;
    } catch {
      await client.end().catch(() => {});
      return false;
    }
  }
}
