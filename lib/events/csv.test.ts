import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "@/lib/events/csv";

describe("csv", () => {
  it("quotes fields with commas, quotes and line breaks (RFC 4180), and leaves plain ones alone", () => {
    expect(csvField("evt_123")).toBe("evt_123");
    expect(csvField('impact.com said "no", twice')).toBe('"impact.com said ""no"", twice"');
    expect(csvField("line one\nline two")).toBe('"line one\nline two"');
    expect(csvField("cr\r")).toBe('"cr\r"');
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(429)).toBe("429");
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-cmd")).toBe("'-cmd");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });

  it("ends records with CRLF", () => {
    expect(csvRow(["a", "b,c", null])).toBe('a,"b,c",\r\n');
  });
});
