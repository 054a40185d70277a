// CSV (RFC 4180) for the delivery log export: the files are opened in spreadsheets, so besides
// quoting, a cell that a spreadsheet would run as a formula is defused (OWASP "CSV injection").

// Error messages and ids come from Stripe and impact.com: never let one start a formula. A spreadsheet
// that guesses the separator (`;` in many locales, tab, comma) or splits on line breaks can cut one field
// into several cells, so every place a cell may start (the field's start, or right after one of those
// separators, judged on the original text, spaces a reader may trim skipped) gets a `'` before a formula
// character. Tab and CR count as formula starts because some spreadsheets strip them and read what follows.
const FORMULA_AT_CELL_START = /(?<=(?:^|[;,\t\r\n]) *)(?=[=+\-@\t\r])/g;

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  // Numbers and booleans cannot carry a formula and stay numbers for the spreadsheet (e.g. -12.5).
  const text = typeof value === "string" ? value.replace(FORMULA_AT_CELL_START, "'") : String(value);
  // Every field is quoted, so no content can end it early whatever it holds.
  return `"${text.replaceAll('"', '""')}"`;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
