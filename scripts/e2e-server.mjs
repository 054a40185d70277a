// Starts the built portal for Playwright: a fresh local database, the committed
// migrations, the fakes' addresses, and `next start`. Refuses a non-local database.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { E2E } from "../e2e/e2e-config.mjs";

const server = new URL(E2E.databaseServerUrl);
if (!["127.0.0.1", "localhost", "::1"].includes(server.hostname)) {
  console.error(`e2e: refusing to use non-local database server ${server.hostname}`);
  process.exit(1);
}

const admin = new pg.Client({ connectionString: E2E.databaseServerUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${E2E.databaseName} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${E2E.databaseName}`);
await admin.end();

const env = { ...process.env, ...E2E.portalEnv };
const migrated = spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { env, stdio: "inherit" });
if (migrated.status !== 0) process.exit(1);

const next = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(E2E.portalPort), "-H", "127.0.0.1"], {
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => next.kill(signal));
next.on("exit", (code) => process.exit(code ?? 0));
