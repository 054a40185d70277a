import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { KNOWN_IP_MS, LOGIN_WINDOW_MS, loginKey } from "@/lib/server/auth/login-rate-limit";
import { pruneLoginAttempts } from "@/lib/server/auth/prune-login-attempts";

describe("pruneLoginAttempts", () => {
  it("drops failures after the window and successes after 30 days, at most once a minute", async () => {
    const now = Date.now();
    const ago = (ms: number) => new Date(now - ms);
    await prisma.loginAttempt.createMany({
      data: [
        { key: "prune:old-failure", succeeded: false, createdAt: ago(LOGIN_WINDOW_MS + 5 * 60_000) },
        { key: "prune:old-in-flight", succeeded: null, createdAt: ago(LOGIN_WINDOW_MS + 5 * 60_000) },
        { key: "prune:recent-failure", succeeded: false, createdAt: ago(60_000) },
        { key: "prune:known-ip", succeeded: true, createdAt: ago(LOGIN_WINDOW_MS * 5) },
        { key: "prune:forgotten-ip", succeeded: true, createdAt: ago(KNOWN_IP_MS + 60_000) },
      ],
    });
    expect(await pruneLoginAttempts(now, { force: true })).toBe(3);
    const left = await prisma.loginAttempt.findMany({
      where: { key: { startsWith: "prune:" } },
      select: { key: true },
    });
    expect(left.map((row) => row.key).sort()).toEqual(["prune:known-ip", "prune:recent-failure"]);
    await prisma.loginAttempt.create({
      data: { key: "prune:later", succeeded: false, createdAt: ago(KNOWN_IP_MS * 2) },
    });
    expect(await pruneLoginAttempts(now + 1_000)).toBe(0);
    expect(await pruneLoginAttempts(now + 61_000)).toBe(1);
  });

  it("caps keys built from header text", () => {
    expect(loginKey(`ip:${"x".repeat(10_000)}`)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(loginKey("Staff:Ada@Example.com@10.0.0.1")).toBe("staff:ada@example.com@10.0.0.1");
  });
});
