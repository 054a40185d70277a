import { describe, expect, it } from "vitest";
import { advertiserPath, assertImpactOrigin, impactOrigin, impactUrl, isImpactPath } from "@/lib/impact/impact-http";

describe("impactUrl", () => {
  it("joins a plain path onto IMPACT_API_BASE_URL", () => {
    const url = new URL(impactUrl(advertiserPath("IRabc123", "Conversions")));
    expect(url.origin).toBe(impactOrigin());
    expect(url.pathname.endsWith("/Advertisers/IRabc123/Conversions")).toBe(true);
  });

  it.each([
    "https://evil.example/Advertisers/IR1/Conversions",
    "http:/evil.example/x",
    "//evil.example/Advertisers/IR1/Conversions",
    "/\\evil.example/x",
    "Advertisers/IR1/Conversions",
    "/Advertisers/../../evil",
    "/Advertisers/IR1/%2e%2e/%2E%2E/x",
    "/Advertisers/./IR1",
    "/Advertisers//IR1",
    "/Advertisers/IR1/Conversions?redirect=https://evil.example",
    "/Advertisers/IR1/Conversions#x",
    "/Advertisers/IR 1",
    "/Advertisers/IR1\n/x",
    "/Advertisers/%zz",
    "",
  ])("refuses %j: only a path starting with a single /", (pathname) => {
    expect(isImpactPath(pathname)).toBe(false);
    expect(() => impactUrl(pathname)).toThrow(/refusing the impact\.com path/);
  });

  it("refuses an account SID that would climb out of the advertiser's path", () => {
    expect(() => impactUrl(advertiserPath("..", "CompanyInformation"))).toThrow(/refusing/);
  });
});

describe("assertImpactOrigin", () => {
  it("accepts URLs on IMPACT_API_BASE_URL's origin and refuses any other", () => {
    expect(() => assertImpactOrigin(`${impactOrigin()}/Advertisers/IR1/Conversions`)).not.toThrow();
    for (const url of ["https://evil.example/x", `${impactOrigin()}.evil.example/x`, "http://127.0.0.2:1/x"]) {
      expect(() => assertImpactOrigin(url), url).toThrow(/refusing to send impact\.com credentials/);
    }
  });
});
