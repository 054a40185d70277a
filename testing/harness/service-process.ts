// A server the harness starts as a child process, in its own process group: kill -9 reaches it and
// whatever it forked, and nothing the harness did not start.
import { type ChildProcess, spawn } from "node:child_process";
import { openSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";

export type ServiceProcess = {
  readonly url: string;
  readonly pid: number;
  readonly exited: Promise<number | null>;
  /** SIGKILL to the process group: no shutdown hook runs, work in flight is cut mid-way. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after 30 s. */
  stop(): Promise<void>;
};

export type ServiceOptions = {
  command: string;
  args: string[];
  env: Record<string, string>;
  logFile: string;
  url: string;
  /** Resolves once the service answers; anything thrown means "not yet". */
  probe: (url: string) => Promise<void>;
  startTimeoutMs?: number;
};

async function waitUntilServing(options: ServiceOptions, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${options.command} exited with code ${child.exitCode} while starting (see ${options.logFile})`);
    try {
      await options.probe(options.url);
      return;
    } catch {
      await delay(100);
    }
  }
  throw new Error(`${options.command} did not answer on ${options.url} in time (see ${options.logFile})`);
}

export async function startService(options: ServiceOptions): Promise<ServiceProcess> {
  const out = openSync(options.logFile, "a");
  const child = spawn(options.command, options.args, {
    env: options.env as NodeJS.ProcessEnv,
    stdio: ["ignore", out, out],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is already gone
    }
  };
  try {
    await waitUntilServing(options, child);
  } catch (error) {
    signalGroup("SIGKILL");
    throw error;
  }
  return {
    url: options.url,
    pid: child.pid!,
    exited,
    async kill9() {
      signalGroup("SIGKILL");
      await exited;
    },
    async stop() {
      signalGroup("SIGTERM");
      const timeout = delay(30_000).then(() => "timeout" as const);
      if ((await Promise.race([exited, timeout])) === "timeout") signalGroup("SIGKILL");
      await exited;
    },
  };
}

/** Any HTTP answer at all means the server is up (an unknown integration answers 404, or 503 while its database is down). */
export async function probeWebhookRoute(url: string): Promise<void> {
  const response = await fetch(`${url}/api/webhooks/stripe/ready-check`, { method: "POST", body: "{}" });
  await response.arrayBuffer();
}
