import { describe, expect, it } from "vitest";
import { formatEventDate } from "@/lib/mapping/event-date";

describe("formatEventDate", () => {
  it("is ISO 8601 UTC at second precision", () => {
    expect(formatEventDate(1755480861)).toBe("2025-08-18T01:34:21Z");
    expect(formatEventDate(0)).toBe("1970-01-01T00:00:00Z");
  });

  it("rejects what is not a Unix timestamp in seconds", () => {
    expect(() => formatEventDate(1.5)).toThrow(RangeError);
    expect(() => formatEventDate(-1)).toThrow(RangeError);
    expect(() => formatEventDate(Number.NaN)).toThrow(RangeError);
  });
});
