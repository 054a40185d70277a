import { describe, expect, it } from "vitest";
import { submissionPathOf, submissionUrlOf } from "@/lib/impact/submission-uri";

describe("submissionPathOf", () => {
  it("accepts the account's own APISubmissions path", () => {
    expect(submissionPathOf("/Advertisers/IRabc123/APISubmissions/A-0f3c-9", "IRabc123")).toBe(
      "/Advertisers/IRabc123/APISubmissions/A-0f3c-9",
    );
  });

  it("refuses anything else: another account, other resources, absolute URLs, traversal, odd characters", () => {
    for (const uri of [
      "/Advertisers/IRother/APISubmissions/A-1",
      "/Advertisers/IRabc123/Conversions/A-1",
      "https://evil.example/Advertisers/IRabc123/APISubmissions/A-1",
      "//evil.example/Advertisers/IRabc123/APISubmissions/A-1",
      "/Advertisers/IRabc123/APISubmissions/../../Accounts",
      "/Advertisers/IRabc123/APISubmissions/..",
      "/Advertisers/IRabc123/APISubmissions/.",
      "/Advertisers/IRabc123/APISubmissions/A-1?x=1",
      "/Advertisers/IRabc123/APISubmissions/A 1",
      "/Advertisers/IRabc123/APISubmissions/",
      "",
      undefined,
      42,
    ]) {
      expect(submissionPathOf(uri, "IRabc123"), String(uri)).toBeNull();
    }
  });
});

describe("submissionUrlOf", () => {
  it("joins the path onto IMPACT_API_BASE_URL", () => {
    const url = new URL(submissionUrlOf("/Advertisers/IRabc123/APISubmissions/A-1"));
    expect(url.origin).toBe(new URL(process.env.IMPACT_API_BASE_URL ?? "https://api.impact.com").origin);
    expect(url.pathname.endsWith("/Advertisers/IRabc123/APISubmissions/A-1")).toBe(true);
  });

  it("refuses what impactUrl refuses, before any credentials are attached", () => {
    for (const path of [
      "https://evil.example/Advertisers/IRabc123/APISubmissions/A-1",
      "/Advertisers/IRabc123/APISubmissions/..",
    ]) {
      expect(() => submissionUrlOf(path), path).toThrow(/refusing/);
    }
  });
});
