import { describe, expect, it } from "vitest";
import type { ImpactExchange } from "@/lib/impact/send-impact-request";
import { classifyExchange } from "@/lib/server/deliveries/classify-exchange";

const exchange = (status: number | undefined, body = "", headers: Record<string, string> = {}): ImpactExchange => ({
  recorded: { method: "POST", url: "https://api.impact.com/Advertisers/IR1/Conversions", body: "" },
  status,
  body,
  headers: new Headers(headers),
  durationMs: 5,
  error: status === undefined ? "timed out after 15000 ms" : undefined,
});

describe("classifyExchange", () => {
  it("keeps the QueuedUri of an accepted conversion", () => {
    expect(
      classifyExchange(exchange(200, '{"Status":"QUEUED","QueuedUri":"/Advertisers/IR1/APISubmissions/A-1"}'), 0),
    ).toEqual({
      kind: "queued",
      queuedUri: "/Advertisers/IR1/APISubmissions/A-1",
    });
  });

  it("treats a 200 that says ERROR as a rejection", () => {
    expect(classifyExchange(exchange(200, '{"Status":"ERROR","Message":"bad OrderId"}'), 0)).toEqual({
      kind: "reject",
      reason: "impact.com answered ERROR: bad OrderId",
    });
  });

  it("marks every 429 as rate limited, with the wait when impact.com gives one", () => {
    expect(classifyExchange(exchange(429), 0)).toMatchObject({
      kind: "retry",
      isRateLimited: true,
      delayMs: undefined,
    });
    expect(classifyExchange(exchange(429, "", { "X-RateLimit-Reset": "30" }), 0)).toMatchObject({
      isRateLimited: true,
      delayMs: 30_000,
    });
  });

  it("retries 5xx, 408 and no answer; rejects other 4xx for good", () => {
    for (const status of [500, 502, 503, 408, undefined])
      expect(classifyExchange(exchange(status), 0).kind).toBe("retry");
    for (const status of [400, 401, 403, 404, 422])
      expect(classifyExchange(exchange(status, '{"Message":"nope"}'), 0)).toMatchObject({ kind: "reject" });
    expect(classifyExchange(exchange(undefined), 0)).toMatchObject({ reason: "timed out after 15000 ms" });
  });
});
