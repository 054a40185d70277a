import { csvRow } from "@/lib/events/csv";

type CsvValue = string | number | boolean | null | undefined;
type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * A list as CSV, streamed: the header, then each pull reads the next keyset page, so a million rows never
 * sit in memory and the download starts at once. A reader that stops early (the browser cancels) stops
 * the queries too. Shared by the events log and the Rewards view exports.
 */
export function streamCsvPages<T>(
  header: readonly string[],
  readPage: (cursor: string | null) => Promise<Page<T>>,
  recordOf: (item: T) => readonly CsvValue[],
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let isHeaderSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!isHeaderSent) {
        isHeaderSent = true;
        controller.enqueue(encoder.encode(csvRow(header)));
        return;
      }
      const page = await readPage(cursor);
      if (page.items.length > 0)
        controller.enqueue(encoder.encode(page.items.map((item) => csvRow(recordOf(item))).join("")));
      cursor = page.nextCursor;
      if (!cursor) controller.close();
    },
  });
}
