// The receiving side of work-notices.ts: one dedicated connection per process that runs workers, LISTENing
// on the work channel. When the connection breaks (PostgreSQL restarted, the session was terminated) it
// connects again with a growing pause; meanwhile, and for anything a notice missed, the workers' own poll
// still finds the work. After every (re)connection everyone is woken once: notices sent while nobody
// listened are gone.
import pg from "pg";
import { getEnv } from "@/lib/env";
import { WORK_CHANNEL, WORK_KINDS, type WorkKind } from "@/lib/jobs/local/work-notices";
import { getLogger } from "@/lib/log";

/** The listener's application_name: /api/health counts these sessions to tell whether any worker process runs. */
export const WORK_LISTENER_APPLICATION = "portal-work-listener";

export type WorkListenerOptions = {
  /** Default: DATABASE_URL. */
  connectionString?: string;
  /** First pause after a lost connection; doubled after each failed try up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
};

type Connection = { client: pg.Client; ended: Promise<void> };

export class WorkListener {
  private isRunning = false;
  private loop?: Promise<void>;
  /** Ends the current connection or the pause before the next one (stop). */
  private interrupt?: () => void;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly listening: { promise: Promise<void>; resolve: () => void };
  /** How many times LISTEN took effect (1 after the first connection; tests watch reconnections). */
  connections = 0;

  constructor(
    private readonly onNotice: (kind: WorkKind) => void,
    private readonly options: WorkListenerOptions = {},
  ) {
    this.minBackoffMs = options.minBackoffMs ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
    let resolve = () => {};
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    this.listening = { promise, resolve };
  }

  /** Resolves once the first LISTEN took effect (the worker script reports readiness then). */
  get ready(): Promise<void> {
    return this.listening.promise;
  }

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.isRunning = false;
    this.interrupt?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let backoffMs = this.minBackoffMs;
    while (this.isRunning) {
      const connection = await this.connect();
      if (connection) {
        backoffMs = this.minBackoffMs;
        await connection.ended;
        await connection.client.end().catch(() => {});
        if (this.isRunning)
          getLogger().warn({ component: "work-listener" }, "lost the LISTEN connection; reconnecting");
      }
      if (!this.isRunning) break;
      await this.pause(backoffMs);
      backoffMs = Math.min(backoffMs * 2, this.maxBackoffMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.interrupt = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async connect(): Promise<Connection | undefined> {
    const client = new pg.Client({
      connectionString: this.options.connectionString ?? getEnv().DATABASE_URL,
      application_name: WORK_LISTENER_APPLICATION,
      connectionTimeoutMillis: 5_000,
      // A connection that silently died (a network cut rather than a restart) is noticed by TCP keep-alive.
      keepAlive: true,
    });
    let markEnded = () => {};
    const ended = new Promise<void>((resolve) => {
      markEnded = resolve;
    });
    this.interrupt = markEnded;
    // An error ends the connection and the loop reconnects; unhandled, it would crash the process.
    client.on("error", markEnded);
    client.on("end", markEnded);
    client.on("notification", ({ channel, payload }) => {
      if (channel === WORK_CHANNEL && WORK_KINDS.includes(payload as WorkKind)) this.onNotice(payload as WorkKind);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${WORK_CHANNEL}`);
    } catch (error) {
      if (this.isRunning) {
        getLogger().warn(
          { component: "work-listener", reason: (error as Error).message },
          "cannot LISTEN for work yet; the workers poll meanwhile",
        );
      }
      await client.end().catch(() => {});
      return undefined;
    }
    this.connections += 1;
    this.listening.resolve();
    for (const kind of WORK_KINDS) this.onNotice(kind); // what was notified while nobody listened
    return { client, ended };
  }
}
