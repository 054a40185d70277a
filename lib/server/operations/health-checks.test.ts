// The health checks against the file's own real database (SPEC §12).
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { WorkerPresence } from "@/lib/server/deliveries/worker-presence";
import { checkHealth } from "@/lib/server/operations/health-checks";

const presence = new WorkerPresence();

afterEach(() => presence.release());

describe("checkHealth", () => {
  it("is ok when the database answers, every migration is applied and the worker beat just now", async () => {
    presence.beat();

    expect(await checkHealth()).toEqual({
      status: "ok",
      checks: { database: "ok", migrations: "ok", worker: "ok" },
    });
  });

  it("fails the worker check with the heartbeat's age once it is older than 60 s", async () => {
    const now = Date.now();
    presence.beat(now - 75_000);

    const report = await checkHealth({ now });

    expect(report.status).toBe("fail");
    expect(report.checks).toEqual({
      database: "ok",
      migrations: "ok",
      worker: "fail: last heartbeat 75 s ago (limit 60 s)",
    });
  });

  it("fails the worker check when no local worker runs in this process (a stopped one included)", async () => {
    presence.beat();
    await presence.release();

    const report = await checkHealth();

    expect(report).toMatchObject({ status: "fail", checks: { worker: expect.stringMatching(/^fail: .*not running/) } });
  });

  it("names a committed migration the database has not finished", async () => {
    presence.beat();
    const [latest] = await prisma.$queryRaw<{ migration_name: string; finished_at: Date }[]>`
      SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    const name = latest!.migration_name;
    await prisma.$executeRaw`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ${name}`;
    try {
      const report = await checkHealth();

      expect(report).toEqual({
        status: "fail",
        checks: { database: "ok", migrations: `fail: 1 not applied: ${name}`, worker: "ok" },
      });
    } finally {
      await prisma.$executeRaw`UPDATE _prisma_migrations SET finished_at = ${latest!.finished_at} WHERE migration_name = ${name}`;
    }
    expect((await checkHealth()).checks.migrations).toBe("ok");
  });

  it("fails the migrations check when the committed migrations cannot be read", async () => {
    presence.beat();

    const report = await checkHealth({ migrationsDir: "/nonexistent/prisma/migrations" });

    expect(report).toMatchObject({
      status: "fail",
      checks: { database: "ok", migrations: expect.stringMatching(/^fail: /) },
    });
  });
});
