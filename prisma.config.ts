// Prisma CLI configuration: the JavaScript schema engine through the pg driver
// adapter, so generate/diff/deploy work without downloading a native engine.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// Commands that need no database still load this file; a placeholder keeps the
// CLI from falling back to downloading an engine when DATABASE_URL is unset.
const PLACEHOLDER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
process.env.DATABASE_URL ??= PLACEHOLDER_URL;

function connectionFields(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || "postgres"),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1) || "postgres"),
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Discrete fields, not a URL: the shadow database then gets a name of its own.
  adapter: async () => new PrismaPg(connectionFields(process.env.DATABASE_URL ?? PLACEHOLDER_URL)),
});
