// Reading a streamed CSV export back the way a spreadsheet would, for the export tests.

/** Every chunk the stream yields, decoded: one per pull, so a test can see the batches. */
export async function readChunks(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(decoder.decode(value));
  }
}

/** A tiny RFC 4180 reader, enough to check what a spreadsheet would see. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let isQuoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    const next = text[index + 1];
    if (isQuoted && char === '"' && next === '"') {
      field += '"';
      index++;
    } else if (char === '"') {
      isQuoted = !isQuoted;
    } else if (!isQuoted && char === ",") {
      record.push(field);
      field = "";
    } else if (!isQuoted && char === "\r" && next === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      index++;
    } else {
      field += char;
    }
  }
  return records;
}
