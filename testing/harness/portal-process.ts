// The built portal (`next start`) as a child process of the bench or a drill.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { cpuProfileFlags } from "@/testing/harness/harness-config";
import { probeWebhookRoute, type ServiceProcess, startService } from "@/testing/harness/service-process";

const bin = (name: string) => path.resolve("node_modules/.bin", name);

/**
 * Runs `next build` when .next holds no production build, or always with `force` (`--build`). The bench
 * and the drills run the portal of the directory they are started in: when others share this
 * checkout's .next, run them in a copy (see docs/performance.md).
 */
export function ensurePortalBuilt({ force = false } = {}): { built: boolean; seconds: number } {
  if (!force && existsSync(".next/BUILD_ID")) return { built: false, seconds: 0 };
  const started = Date.now();
  console.log("▶ next build …");
  const result = spawnSync(bin("next"), ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
  return { built: true, seconds: Math.round((Date.now() - started) / 1000) };
}

/** `next start` on 127.0.0.1:`port` with exactly `env`; output appended to `logFile`. */
export function startPortal({
  port,
  env,
  logFile,
}: {
  port: number;
  env: Record<string, string>;
  logFile: string;
}): Promise<ServiceProcess> {
  return startService({
    // node itself, not the bin's shebang: the PID is the server's, and profiling flags reach it.
    command: process.execPath,
    args: [
      ...cpuProfileFlags(),
      path.resolve("node_modules/next/dist/bin/next"),
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    env,
    logFile,
    url: `http://127.0.0.1:${port}`,
    probe: probeWebhookRoute,
  });
}

export type { ServiceProcess as PortalProcess };
