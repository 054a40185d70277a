// The session JSON routes' preamble: signed out → 401, AppError → its status, anything else → 503 logged
// with the request id — and every answer names that id, so a support engineer can find the log lines.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors/app-error";
import { withPrincipal } from "@/lib/http/with-principal";
import { spyOnErrorLog } from "@/testing/vitest/error-log-spy";

const session = vi.hoisted(() => ({ principal: undefined as Principal | undefined }));
vi.mock("@/lib/auth/session", () => ({ getPrincipal: async () => session.principal }));

const noParams = { params: Promise.resolve({}) } as never;
const request = (requestId?: string) =>
  new Request("https://portal.example.test/api/x", requestId ? { headers: { "x-request-id": requestId } } : {});

afterEach(() => {
  session.principal = undefined;
  vi.restoreAllMocks();
});

describe("withPrincipal", () => {
  it("answers 401 when signed out, with a fresh request id", async () => {
    const route = withPrincipal("test-route", async () => Response.json({ ok: true }));
    const response = await route(request(), noParams);
    expect(response.status).toBe(401);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("passes the caller's request id through on success and on a domain error", async () => {
    session.principal = { role: "staff", staffUserId: "s_1", email: "s@example.com" };
    const ok = withPrincipal("test-route", async () => Response.json({ ok: true }));
    const refused = withPrincipal("test-route", async () => {
      throw new AppError("NOT_FOUND", "No such event.");
    });
    expect((await ok(request("req-7"), noParams)).headers.get("x-request-id")).toBe("req-7");
    const answer = await refused(request("req-8"), noParams);
    expect(answer.status).toBe(404);
    expect(answer.headers.get("x-request-id")).toBe("req-8");
  });

  it("hides an unexpected error behind a 503 and logs it with the request id", async () => {
    session.principal = { role: "staff", staffUserId: "s_1", email: "s@example.com" };
    const log = spyOnErrorLog();
    const failing = withPrincipal("test-route", async () => {
      throw new Error("connect ECONNREFUSED 10.0.0.5:5432");
    });
    const response = await failing(request("req-9"), noParams);
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain("10.0.0.5");
    expect(log.fields()[0]).toMatchObject({ context: "test-route" });
  });
});
