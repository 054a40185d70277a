import { describe, expect, it } from "vitest";
import { redactAuthorization, redactRecordedRequest, redactSecrets } from "@/lib/mapping/redact";

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("redactAuthorization", () => {
  it("keeps the SID of Basic credentials and masks the token", () => {
    expect(redactAuthorization(basic("IRxxSID123", "secrettoken"))).toBe("Basic IRxxSID123:***");
    expect(redactAuthorization(basic("IRxxSID123", "a:b:c"))).toBe("Basic IRxxSID123:***");
  });

  it("is idempotent", () => {
    const once = redactAuthorization(basic("IRxxSID123", "secrettoken"));
    expect(redactAuthorization(once)).toBe(once);
  });

  it("masks Bearer tokens, other schemes and undecodable Basic values entirely", () => {
    expect(redactAuthorization("Bearer sk_live_abc")).toBe("Bearer ***");
    expect(redactAuthorization("Digest abc")).toBe("***");
    expect(redactAuthorization("Basic !!!")).toBe("Basic ***");
    expect(redactAuthorization(`Basic ${Buffer.from("no-colon").toString("base64")}`)).toBe("Basic ***");
  });
});

describe("redactSecrets", () => {
  it("masks Stripe secret keys, restricted keys and webhook secrets anywhere", () => {
    const text =
      'key=sk_live_51Habc123XYZ&rk=rk_test_51Hxyz&{"secret":"whsec_AbC+/d=="} sk_test_4eC39HqLyjWDarjtT1zdp7dc';
    expect(redactSecrets(text)).toBe('key=sk_live_***&rk=rk_test_***&{"secret":"whsec_***"} sk_test_***');
  });

  it("masks other sk_/rk_-shaped keys", () => {
    expect(redactSecrets("sk_org_abcdefghijklmnop")).toBe("sk_***");
  });

  it("leaves ordinary words and publishable keys alone, and is idempotent", () => {
    const text = "task_test_case risk_live_ok pk_live_123 desk_test";
    expect(redactSecrets(text)).toBe(text);
    const once = redactSecrets("sk_live_abc whsec_def");
    expect(redactSecrets(once)).toBe(once);
  });
});

describe("redactRecordedRequest", () => {
  it("redacts headers, URL and body and leaves the rest", () => {
    const request = {
      method: "POST",
      url: "https://api.impact.com/Advertisers/IRxxSID123/Conversions?debug=sk_test_abc",
      headers: { Authorization: basic("IRxxSID123", "tok"), Accept: "application/json", Cookie: "s=1" },
      body: "CampaignId=1&Note=whsec_abc",
      startedAt: "2025-08-18T01:34:21Z",
    };
    expect(redactRecordedRequest(request)).toEqual({
      method: "POST",
      url: "https://api.impact.com/Advertisers/IRxxSID123/Conversions?debug=sk_test_***",
      headers: { Authorization: "Basic IRxxSID123:***", Accept: "application/json", Cookie: "***" },
      body: "CampaignId=1&Note=whsec_***",
      startedAt: "2025-08-18T01:34:21Z",
    });
    expect(request.headers.Authorization).not.toContain("***"); // input untouched
  });

  it("matches header names case-insensitively and keeps a null body", () => {
    const redacted = redactRecordedRequest({
      method: "GET",
      url: "/",
      headers: { authorization: "Bearer x" },
      body: null,
    });
    expect(redacted).toEqual({ method: "GET", url: "/", headers: { authorization: "Bearer ***" }, body: null });
  });
});
