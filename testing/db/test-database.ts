// Real PostgreSQL for tests: one migrated template per run, and one database per
// test file cloned from it (CREATE DATABASE … TEMPLATE is a file copy, ~50 ms),
// so files run in parallel without seeing each other's rows.
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { databaseUrlOn, testDatabaseServerUrl } from "@/testing/worlds/world-env.mjs";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function testServerUrl(): string {
  const url = testDatabaseServerUrl();
  // Tests create and drop databases: never point them at a remote server.
  if (!LOCAL_HOSTS.has(new URL(url).hostname))
    throw new Error(`refusing to run tests against non-local database ${url}`);
  return url;
}

export function databaseUrl(name: string): string {
  return databaseUrlOn(testServerUrl(), name);
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function createDatabase(name: string, template?: string): Promise<string> {
  await withAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quote(name)}${template ? ` TEMPLATE ${quote(template)}` : ""}`);
  });
  return databaseUrl(name);
}

export async function dropDatabases(prefix: string): Promise<void> {
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `${prefix}%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`);
  });
}

/** Applies the committed migrations exactly as `npm run db:migrate` does. */
export function migrate(url: string): void {
  const prisma = path.resolve("node_modules/.bin/prisma");
  execFileSync(prisma, ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
}
