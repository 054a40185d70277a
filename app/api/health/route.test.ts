// GET /api/health through the real route handler (SPEC §12): no sign-in, 200 or 503 with the checks.
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { WorkerPresence } from "@/lib/server/deliveries/worker-presence";

const presence = new WorkerPresence();

afterEach(() => presence.release());

const get = (headers: Record<string, string> = {}) => GET(new Request("http://portal.test/api/health", { headers }));

describe("GET /api/health", () => {
  it("answers 200 with every check ok, without a session, and echoes the request id", async () => {
    presence.beat();

    const response = await get({ "x-request-id": "probe-123" });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      checks: { database: "ok", migrations: "ok", worker: "ok" },
    });
    expect(response.headers.get("x-request-id")).toBe("probe-123");
  });

  it("answers 503 naming the failing check when the worker's heartbeat is stale", async () => {
    presence.beat(Date.now() - 120_000);

    const response = await get();

    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; checks: Record<string, string> };
    expect(body.status).toBe("fail");
    expect(body.checks.worker).toMatch(/^fail: last heartbeat 1[12]\d s ago/);
    expect(body.checks.database).toBe("ok");
    // A fresh id when the caller sent none.
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
