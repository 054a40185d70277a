// Vitest global setup: migrate one template database for the whole run.
import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabases, migrate } from "@/testing/db/test-database";

export default async function setup(project: TestProject) {
  const prefix = `portal_test_${process.pid}_`;
  const template = `${prefix}template`;
  migrate(await createDatabase(template));
  project.provide("testDatabaseTemplate", template);
  return async () => dropDatabases(prefix);
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseTemplate: string;
  }
}
