// `npm run dev` / `npm start`: the one command that runs the portal. Without
// DATABASE_URL it starts the embedded database first; either way it applies the
// committed migrations, then runs Next and stops everything on Ctrl-C.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { startEmbeddedDatabase } from "./embedded-database.mjs";

const mode = process.argv[2] === "start" ? "start" : "dev";
const bin = (name) => path.resolve("node_modules/.bin", name);

let database;
if (!process.env.DATABASE_URL) database = await startEmbeddedDatabase();
const env = { ...process.env, ...(database ? { DATABASE_URL: database.url } : {}) };

const migrated = spawnSync(bin("prisma"), ["migrate", "deploy"], { env, stdio: "inherit" });
if (migrated.status !== 0) {
  console.error("Database migrations failed; the portal was not started.");
  await database?.stop();
  process.exit(1);
}

const next = spawn(bin("next"), [mode, ...process.argv.slice(3)], { env, stdio: "inherit" });
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill("SIGTERM");
  await database?.stop();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(0));
next.on("exit", (code) => stop(code ?? 0));
