// Databases for the bench on the shared PostgreSQL server: only `portal_bench_*`, created fresh and
// migrated with the committed migrations, never anyone else's.
import { createDatabase, databaseUrl, migrate } from "@/testing/db/test-database";
import { HARNESS } from "@/testing/harness/harness-config";

export function benchDatabaseName(suffix: string): string {
  return `${HARNESS.databasePrefix}${suffix}`;
}

/** Drops and recreates `portal_bench_<suffix>`, applies the migrations, returns its URL. */
export async function createBenchDatabase(suffix: string): Promise<string> {
  process.env.TEST_DATABASE_SERVER_URL ??= HARNESS.databaseServerUrl;
  const url = await createDatabase(benchDatabaseName(suffix));
  migrate(url);
  return url;
}

export function benchDatabaseUrl(suffix: string): string {
  process.env.TEST_DATABASE_SERVER_URL ??= HARNESS.databaseServerUrl;
  return databaseUrl(benchDatabaseName(suffix));
}
