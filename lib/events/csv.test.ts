import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "@/lib/events/csv";

describe("csv", () => {
  it("quotes every field and doubles quotes inside (RFC 4180)", () => {
    expect(csvField("evt_123")).toBe('"evt_123"');
    expect(csvField('impact.com said "no", twice')).toBe('"impact.com said ""no"", twice"');
    expect(csvField("line one\nline two")).toBe('"line one\nline two"');
    expect(csvField("cr\r")).toBe('"cr\r"');
    expect(csvField("a;b")).toBe('"a;b"');
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(429)).toBe('"429"');
    expect(csvField(-12.5)).toBe('"-12.5"');
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField("+1")).toBe(`"'+1"`);
    expect(csvField("-cmd")).toBe(`"'-cmd"`);
    expect(csvField("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvField("\t=1")).toBe(`"'\t'=1"`);
    expect(csvField("\r=1")).toBe(`"'\r'=1"`);
  });

  it("defuses a formula after any separator a spreadsheet may split the field on", () => {
    expect(csvField("bad order;=cmd|' /C calc'!A0")).toBe(`"bad order;'=cmd|' /C calc'!A0"`);
    expect(csvField("a,+1")).toBe(`"a,'+1"`);
    expect(csvField("a\t-1")).toBe(`"a\t'-1"`);
    expect(csvField("first line\n@SUM(A1)")).toBe(`"first line\n'@SUM(A1)"`);
    expect(csvField("a\r\n=1")).toBe(`"a\r\n'=1"`);
    expect(csvField("a;\t=1")).toBe(`"a;'\t'=1"`);
    expect(csvField("a;;=1;=2")).toBe(`"a;;'=1;'=2"`);
    expect(csvField("a; =1")).toBe(`"a; '=1"`);
    expect(csvField("  +1")).toBe(`"  '+1"`);
    // Mid-text formula characters that no separator precedes are left alone.
    expect(csvField("x=1 and y-2 at user@example.com")).toBe('"x=1 and y-2 at user@example.com"');
  });

  it("ends records with CRLF", () => {
    expect(csvRow(["a", "b,c", null])).toBe('"a","b,c",\r\n');
  });
});
