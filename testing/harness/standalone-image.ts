// The production image's /app, laid out on disk as the Dockerfile's final stage makes it (the standalone
// server, its static files beside it, the migrator in migrate/, the entry script), and started with that
// entry script: what the image runs, tested where no Docker daemon can build it.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { type ServiceProcess, startService } from "@/testing/harness/service-process";

/** A free TCP port on the loopback interface, as the kernel hands one out. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Copies `next build`'s standalone output into `appDir` as the Dockerfile does: `.next/standalone` → `./`,
 * `.next/static` → `.next/static`, `public` → `public`, the migrator (scripts/copy-migrator-deps.mjs plus
 * prisma/ and prisma.config.ts) → `migrate/`, scripts/docker-entrypoint.sh → `docker-entrypoint.sh`.
 */
export function assembleStandaloneImage(appDir: string): void {
  if (!existsSync(".next/standalone/server.js"))
    throw new Error('no .next/standalone/server.js: run `next build` (output: "standalone") first');
  rmSync(appDir, { recursive: true, force: true });
  mkdirSync(appDir, { recursive: true });
  // A local .data/ (development secrets) is traced into the standalone folder; the Docker build context has
  // none (.dockerignore), so neither does this copy.
  const localData = path.resolve(".next/standalone/.data");
  cpSync(".next/standalone", appDir, { recursive: true, filter: (source) => path.resolve(source) !== localData });
  cpSync(".next/static", path.join(appDir, ".next/static"), { recursive: true });
  if (existsSync("public")) cpSync("public", path.join(appDir, "public"), { recursive: true });
  const migrateDir = path.join(appDir, "migrate");
  execFileSync(process.execPath, ["scripts/copy-migrator-deps.mjs", migrateDir], { stdio: "pipe" });
  cpSync("prisma", path.join(migrateDir, "prisma"), { recursive: true });
  cpSync("prisma.config.ts", path.join(migrateDir, "prisma.config.ts"));
  cpSync("scripts/docker-entrypoint.sh", path.join(appDir, "docker-entrypoint.sh"));
}

/** `sh <appDir>/docker-entrypoint.sh` (migrations, then `node server.js`) on 127.0.0.1:`port` with exactly `env`. */
export function startStandaloneImage({
  appDir,
  port,
  env,
  logFile,
}: {
  appDir: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
}): Promise<ServiceProcess> {
  const url = `http://127.0.0.1:${port}`;
  return startService({
    command: "/bin/sh",
    args: [path.join(appDir, "docker-entrypoint.sh")],
    // The image's ENV, with the loopback address instead of 0.0.0.0.
    env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" },
    logFile,
    url,
    probe: async (base) => {
      const response = await fetch(`${base}/login`);
      await response.arrayBuffer();
    },
    startTimeoutMs: 120_000,
  });
}
