import { describe, expect, it } from "vitest";
import { parseEventListQuery, toSearchParams } from "@/lib/schemas/events";

describe("parseEventListQuery", () => {
  it("accepts every filter, trims, drops blanks and keeps the first of repeated keys", () => {
    const parsed = parseEventListQuery({
      integration: "cmabc123",
      type: " invoice.paid ",
      status: "exhausted",
      from: "2026-11-01",
      to: "2026-11-30",
      q: "evt_123",
      account: "",
      cursor: undefined,
      other: "ignored",
    });
    expect(parsed).toEqual({
      ok: true,
      query: {
        integration: "cmabc123",
        type: "invoice.paid",
        status: "exhausted",
        from: "2026-11-01",
        to: "2026-11-30",
        q: "evt_123",
      },
    });
    for (const status of ["sent", "rejected", "unknown"] as const)
      expect(parseEventListQuery({ status })).toEqual({ ok: true, query: { status } });
    expect(parseEventListQuery({ status: ["retrying", "delivered"] })).toEqual({
      ok: true,
      query: { status: "retrying" },
    });
    expect(parseEventListQuery(new URLSearchParams("q=in_1&from=2026-11-01T10:00:00Z"))).toEqual({
      ok: true,
      query: { q: "in_1", from: "2026-11-01T10:00:00Z" },
    });
  });

  it("explains each bad parameter instead of failing", () => {
    const parsed = parseEventListQuery({
      status: "failed",
      from: "yesterday",
      type: "DROP TABLE",
      cursor: "garbage",
      integration: "../x",
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Status: must be one of pending, sent, delivered, rejected, retrying, exhausted, unknown, skipped, ignored\.$/,
        ),
        expect.stringMatching(/^From date: must be a date/),
        expect.stringMatching(/^Event type: is not a Stripe event type/),
        expect.stringMatching(/^Page: link is invalid/),
        expect.stringMatching(/^Integration: is not a valid id/),
      ]),
    );
  });

  it("refuses a range that ends before it starts", () => {
    expect(parseEventListQuery({ from: "2026-11-02", to: "2026-11-01" })).toEqual({
      ok: false,
      errors: ["To date: is before the From date."],
    });
    expect(parseEventListQuery({ from: "2026-11-01", to: "2026-11-01" }).ok).toBe(true);
  });
});

it("writes the query back in a stable order without empty values", () => {
  expect(toSearchParams({ q: "x", status: "delivered", account: undefined, cursor: "c" }).toString()).toBe(
    "status=delivered&q=x&cursor=c",
  );
});
