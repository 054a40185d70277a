import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  decodeKeysetCursor,
  encodeKeysetCursor,
  param,
  parseListQuery,
  searchParamsOf,
  withoutCursor,
} from "@/lib/schemas/list-query";

describe("keyset cursor", () => {
  it("round-trips and is URL-safe", () => {
    const cursor = encodeKeysetCursor(new Date("2026-11-23T04:00:00.123Z"), "0b0e8f1c-7a51-4d7f-9f3e-7c1b6b1a2d3e");
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeKeysetCursor(cursor)).toEqual({
      at: new Date("2026-11-23T04:00:00.123Z"),
      id: "0b0e8f1c-7a51-4d7f-9f3e-7c1b6b1a2d3e",
    });
  });

  it("rejects anything it did not make", () => {
    for (const cursor of [
      "",
      "abc",
      btoa("[1,2]"),
      btoa('["not a date","x"]'),
      btoa('["2026-11-23T04:00:00.123Z","bad id!"]'),
    ]) {
      expect(decodeKeysetCursor(cursor), cursor).toBeNull();
    }
  });
});

describe("parseListQuery", () => {
  const schema = z.object({ q: param(z.string().max(3, { error: "is too long" })), cursor: param(z.string()) });

  it("labels each problem with its field", () => {
    expect(parseListQuery(schema, { q: "Search" }, { q: "abcd" })).toEqual({
      ok: false,
      errors: ["Search: is too long."],
    });
    expect(parseListQuery(schema, {}, new URLSearchParams("q=ab&cursor=c"))).toEqual({
      ok: true,
      query: { q: "ab", cursor: "c" },
    });
  });

  it("writes the query back in the given order and drops the cursor for the filters", () => {
    expect(searchParamsOf(["q", "cursor"] as const, { cursor: "c", q: "x" }).toString()).toBe("q=x&cursor=c");
    expect(withoutCursor({ q: "x", cursor: "c" })).toEqual({ q: "x" });
  });
});
