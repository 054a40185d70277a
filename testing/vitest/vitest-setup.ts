// Runs in each test file's worker before the file: gives the file a database of its own.
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { createDatabase } from "@/testing/db/test-database";

const template = inject("testDatabaseTemplate");
const name = template.replace(/template$/, randomBytes(4).toString("hex"));
process.env.DATABASE_URL = await createDatabase(name, template);
(process.env as Record<string, string>).NODE_ENV = "test";

afterAll(async () => {
  const { prisma } = await import("@/lib/db");
  await prisma.$disconnect();
});
