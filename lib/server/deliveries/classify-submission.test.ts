import { describe, expect, it } from "vitest";
import type { ImpactExchange } from "@/lib/impact/send-impact-request";
import { classifySubmission, rejectionMessage } from "@/lib/server/deliveries/classify-submission";

const NOW = Date.parse("2026-12-04T10:00:00Z");

function answer(status: number | undefined, body?: unknown, headers?: Record<string, string>): ImpactExchange {
  return {
    recorded: { method: "GET", url: "https://api.impact.com/Advertisers/IR1/APISubmissions/A-1", body: "" },
    status,
    headers: new Headers(headers),
    body: typeof body === "string" ? body : body === undefined ? undefined : JSON.stringify(body),
    error: status === undefined ? "network error: ECONNRESET" : undefined,
    durationMs: 3,
  };
}

const submission = (fields: Record<string, unknown>) => ({
  BatchId: "A-1",
  Type: "Conversion",
  CompletionDate: null,
  ErrorType: "",
  ErrorReason: "",
  ...fields,
});

describe("classifySubmission", () => {
  it("calls a Complete submission without error fields delivered", () => {
    expect(classifySubmission(answer(200, submission({ Status: "Complete" })), NOW)).toEqual({ kind: "delivered" });
    expect(
      classifySubmission(answer(200, submission({ Status: "COMPLETE", ErrorType: null, ErrorReason: null })), NOW),
    ).toEqual({ kind: "delivered" });
  });

  it("calls a Complete submission with ErrorType or ErrorReason rejected, in impact.com's words", () => {
    expect(
      classifySubmission(
        answer(
          200,
          submission({ Status: "Complete", ErrorType: "Validation", ErrorReason: "ACTIONTRACKER_NOT_FOUND" }),
        ),
        NOW,
      ),
    ).toEqual({ kind: "rejected", errorType: "Validation", errorReason: "ACTIONTRACKER_NOT_FOUND" });
    expect(
      classifySubmission(answer(200, submission({ Status: "Complete", ErrorReason: "CONTRACT_NOT_FOUND" })), NOW),
    ).toEqual({ kind: "rejected", errorType: "", errorReason: "CONTRACT_NOT_FOUND" });
    expect(
      classifySubmission(answer(200, submission({ Status: "Complete", ErrorType: "Contract Error" })), NOW),
    ).toEqual({ kind: "rejected", errorType: "Contract Error", errorReason: "" });
    expect(rejectionMessage("Validation", "ACTIONTRACKER_NOT_FOUND")).toBe(
      "impact.com rejected the submission: Validation — ACTIONTRACKER_NOT_FOUND",
    );
    expect(rejectionMessage("", "CONTRACT_NOT_FOUND")).toBe("impact.com rejected the submission: CONTRACT_NOT_FOUND");
  });

  it("reads Queued and In Progress again, whatever error fields they carry", () => {
    for (const Status of ["Queued", "In Progress"]) {
      expect(classifySubmission(answer(200, submission({ Status, ErrorType: "Validation" })), NOW)).toEqual({
        kind: "processing",
        reason: `impact.com has not finished processing it (${Status})`,
      });
    }
  });

  it("reads again after a 404, a 5xx, a network error or an answer that is not a submission", () => {
    expect(classifySubmission(answer(404, { Message: "not found" }), NOW)).toMatchObject({
      kind: "read-again",
      reason: "impact.com answered 404 when the outcome was read",
    });
    expect(classifySubmission(answer(503, "Service Unavailable"), NOW)).toMatchObject({ kind: "read-again" });
    expect(classifySubmission(answer(401, ""), NOW)).toMatchObject({ kind: "read-again" });
    expect(classifySubmission(answer(undefined), NOW)).toEqual({
      kind: "read-again",
      reason: "network error: ECONNRESET",
    });
    expect(classifySubmission(answer(200, "<xml/>"), NOW)).toMatchObject({
      kind: "read-again",
      reason: "impact.com's answer is not an APISubmission",
    });
    expect(classifySubmission(answer(200, { Status: 3 }), NOW)).toMatchObject({ kind: "read-again" });
  });

  it("honours X-RateLimit-Reset on a 429, as seconds or as an epoch", () => {
    expect(classifySubmission(answer(429, "", { "X-RateLimit-Reset": "30" }), NOW)).toMatchObject({
      kind: "read-again",
      delayMs: 30_000,
    });
    expect(classifySubmission(answer(429, "", { "X-RateLimit-Reset": String(NOW / 1000 + 120) }), NOW)).toMatchObject({
      kind: "read-again",
      delayMs: 120_000,
    });
  });
});
