import { decodeKeysetCursor } from "@/lib/schemas/list-query";

/** The WHERE of "rows after the cursor" for a list ordered by (`field` desc, id desc). */
export type KeysetAfter<F extends string> =
  | Record<string, never>
  | { AND: [Record<F, { lte: Date }>, { OR: [Record<F, { lt: Date }>, { id: { lt: string } }] }] };

/**
 * Rows after the cursor in (field desc, id desc) order, for any model with a time column and a string id.
 * `field <= t` is the part an index range scan can use; the OR only breaks ties among rows of the same
 * millisecond. No cursor (or one this portal did not make) means the first page.
 */
export function keysetAfter<F extends string>(field: F, cursor: string | null | undefined): KeysetAfter<F> {
  const position = cursor ? decodeKeysetCursor(cursor) : null;
  if (!position) return {};
  const at = <C>(condition: C) => ({ [field]: condition }) as Record<F, C>;
  return {
    AND: [at({ lte: position.at }), { OR: [at({ lt: position.at }), { id: { lt: position.id } }] }],
  };
}
