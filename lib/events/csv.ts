// CSV (RFC 4180) for the delivery log export: the files are opened in spreadsheets, so besides
// quoting, a cell that a spreadsheet would run as a formula is defused (OWASP "CSV injection").

const NEEDS_QUOTES = /[",\r\n]/;
// Error messages and ids come from Stripe and impact.com: never let one start a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
