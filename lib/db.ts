import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

export { Prisma } from "@/lib/generated/prisma/client";

// One pool and one client per process; Next's dev server re-evaluates modules on every edit (and route
// bundles load this file more than once), so both live on globalThis instead of in module scope.
const globalForDb = globalThis as unknown as { prisma?: PrismaClient; sqlPool?: pg.Pool };

/**
 * The connections Prisma uses, shared with the few hot-path statements that skip Prisma's query engine
 * (intake's one statement: docs/performance.md, issue 13), so that they draw on the same ten connections.
 */
export function sqlPool(): pg.Pool {
  if (!globalForDb.sqlPool || globalForDb.sqlPool.ending) {
    const pool = new pg.Pool({ connectionString: getEnv().DATABASE_URL, max: 10, connectionTimeoutMillis: 5_000 });
    // An idle connection broken by a PostgreSQL restart: the pool drops it and the next query connects again.
    pool.on("error", () => {});
    globalForDb.sqlPool = pool;
  }
  return globalForDb.sqlPool;
}

function createPrismaClient(): PrismaClient {
  // $disconnect ends the shared pool too (scripts exit, test files close their database); sqlPool() makes a new one.
  return new PrismaClient({ adapter: new PrismaPg(sqlPool(), { disposeExternalPool: true }) });
}

/** Lazily connected so that importing a module never requires a database (e.g. during `next build`). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    globalForDb.prisma ??= createPrismaClient();
    const value = Reflect.get(globalForDb.prisma, property);
    return typeof value === "function" ? value.bind(globalForDb.prisma) : value;
  },
});

export type TransactionClient = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
