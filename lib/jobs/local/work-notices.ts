// The wake-up between processes: a web process without a worker of its own (LOCAL_WORKER=off) tells the
// `npm run worker` processes that work was committed, with PostgreSQL's NOTIFY on one channel, which every
// worker LISTENs on (work-listener.ts). Sent after the commit rather than inside intake's transaction: that
// costs no statement in the transaction (the hot path), and a notice sent after commit can only find the
// work there. A lost notice costs nothing but time: the workers still poll (at most every 5 s).
import pg from "pg";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log";

export const WORK_CHANNEL = "portal_work";
/** The payload says which loop to wake, so a burst of webhooks does not make the reward worker claim each time. */
export type WorkKind = "deliveries" | "rewards";
export const WORK_KINDS: readonly WorkKind[] = ["deliveries", "rewards"];

type Sender = {
  pool: pg.Pool;
  /** Kinds asked for since the last notice left. */
  pending: Set<WorkKind>;
  /** The notice on the wire; the next one leaves after it. */
  inFlight?: Promise<void>;
  /** The notice that will carry what `pending` holds, once `inFlight` is done. */
  next?: Promise<void>;
};

// One sender per process, shared across Next's module instances (route bundles load this file more than once).
const globalForNotices = globalThis as unknown as { portalWorkNotices?: Sender };

function sender(): Sender {
  if (!globalForNotices.portalWorkNotices) {
    // One connection is enough: notices coalesce (below), so at most one statement is ever in flight. Idle,
    // it closes and does not keep a CLI process alive.
    const pool = new pg.Pool({
      connectionString: getEnv().DATABASE_URL,
      max: 1,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 5_000,
      allowExitOnIdle: true,
    });
    // A PostgreSQL restart breaks the idle connection: the pool drops it and connects again on the next notice.
    pool.on("error", () => {});
    globalForNotices.portalWorkNotices = { pool, pending: new Set() };
  }
  return globalForNotices.portalWorkNotices;
}

async function send(state: Sender): Promise<void> {
  const kinds = [...state.pending];
  state.pending.clear();
  try {
    await state.pool.query("SELECT pg_notify($1, kind) FROM unnest($2::text[]) AS kind", [WORK_CHANNEL, kinds]);
  } catch (error) {
    getLogger().warn(
      { component: "work-notices", kinds, reason: (error as Error).message },
      "could not notify the workers; they pick the work up at their next poll",
    );
  }
}

/**
 * Wakes the workers of every process listening on this database. Calls made while a notice is on the wire
 * share the one sent after it (at most one in flight and one waiting, whatever the rate), and that one leaves
 * after every such call, so it is never older than the commit that asked for it. Never rejects.
 */
export function sendWorkNotice(kind: WorkKind): Promise<void> {
  const state = sender();
  state.pending.add(kind);
  if (!state.next) {
    const next: Promise<void> = (state.inFlight ?? Promise.resolve()).then(() => {
      state.next = undefined;
      state.inFlight = next;
      return send(state);
    });
    state.next = next;
    void next.then(() => {
      if (state.inFlight === next) state.inFlight = undefined;
    });
  }
  return state.next;
}

/** Closes the sender's connection (tests; a process that is about to exit need not call it). */
export async function closeWorkNotices(): Promise<void> {
  const state = globalForNotices.portalWorkNotices;
  globalForNotices.portalWorkNotices = undefined;
  await state?.pool.end();
}
