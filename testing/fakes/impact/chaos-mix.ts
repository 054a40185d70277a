import type { ImpactChaosConfig } from "@/testing/fakes/impact/types";

/**
 * The one "bad day at impact.com" mix: 30 % server errors, 5 % rate limits, 2 % hung requests. The chaos
 * drill runs it for real (hangs of 3 s, past the client's timeout); the fake's own test shortens the hang.
 */
export function impactChaosMix(seed: number, options: { hangMs?: number } = {}): ImpactChaosConfig {
  return {
    seed,
    path: "/Conversions",
    outcomes: [
      { probability: 0.3, action: { kind: "error", status: 500 } },
      { probability: 0.05, action: { kind: "rate-limit", resetSeconds: 1 } },
      { probability: 0.02, action: { kind: "hang", ms: options.hangMs ?? 3_000 } },
    ],
  };
}

/**
 * Outcome reads on the same bad day: 30 % of `GET …/APISubmissions/…` answered 500, 503 or 429 (10 % each).
 * Its own config (and seed sequence) beside `impactChaosMix`, so the conversion failures stay the same
 * however often the portal polls.
 */
export function impactOutcomeReadChaos(seed: number): ImpactChaosConfig {
  return {
    seed,
    method: "GET",
    path: /\/APISubmissions\//,
    outcomes: [
      { probability: 0.1, action: { kind: "error", status: 500 } },
      { probability: 0.1, action: { kind: "error", status: 503 } },
      { probability: 0.1, action: { kind: "rate-limit", resetSeconds: 1 } },
    ],
  };
}
