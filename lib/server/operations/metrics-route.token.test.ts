// GET /api/metrics with METRICS_TOKEN set (SPEC §12): only `Authorization: Bearer <token>` gets the metrics.
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";

const TOKEN = "metrics-token-0123456789";

// Before the first getEnv() of this file's process: the configuration is read once.
beforeAll(() => {
  process.env.METRICS_TOKEN = TOKEN;
});

const get = (authorization?: string) =>
  GET(new Request("http://portal.test/api/metrics", { headers: authorization ? { authorization } : {} }));

describe("GET /api/metrics with METRICS_TOKEN", () => {
  it.each([
    ["no Authorization header", undefined],
    ["a wrong token", "Bearer not-the-token"],
    ["a token prefix", `Bearer ${TOKEN.slice(0, -1)}`],
    ["another scheme", `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`],
  ])("answers 401 for %s", async (_, authorization) => {
    const response = await get(authorization);

    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const body = await response.text();
    expect(body).not.toContain("portal_");
    expect(body).not.toContain(TOKEN);
  });

  it("answers the metrics for the bearer token", async () => {
    const response = await get(`Bearer ${TOKEN}`);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain("# TYPE portal_deliveries gauge");
  });
});
