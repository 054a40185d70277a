import { describe, expect, it } from "vitest";
import { noteSignInStatus, withSignInStatus } from "@/lib/auth/sign-in-status";

describe("withSignInStatus", () => {
  it("turns next-auth's answer to a throttled sign-in into a 429, keeping its body", async () => {
    const response = await withSignInStatus(async () => {
      await Promise.resolve();
      noteSignInStatus(429);
      return Response.json({ url: "http://x/login?error=Too+many" });
    });
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ url: "http://x/login?error=Too+many" });
  });

  it("leaves other answers alone", async () => {
    const response = await withSignInStatus(async () => Response.json({ url: "http://x/" }));
    expect(response.status).toBe(200);
    noteSignInStatus(429); // outside a request: ignored
  });
});
