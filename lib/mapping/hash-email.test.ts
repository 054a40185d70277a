import { describe, expect, it } from "vitest";
import { hashEmail } from "@/lib/mapping/hash-email";

describe("hashEmail", () => {
  const expected = "24ac8f370c29bf7d9825acdf0beec5e84b331e8b"; // sha1("jenny.rosen@example.com")

  it("is the SHA-1 hex of the trimmed, lower-cased address", () => {
    expect(hashEmail("jenny.rosen@example.com")).toBe(expected);
    expect(hashEmail("  Jenny.Rosen@Example.COM \n")).toBe(expected);
  });

  it("is undefined for a missing or blank address", () => {
    expect(hashEmail(undefined)).toBeUndefined();
    expect(hashEmail(null)).toBeUndefined();
    expect(hashEmail("")).toBeUndefined();
    expect(hashEmail("   ")).toBeUndefined();
  });
});
