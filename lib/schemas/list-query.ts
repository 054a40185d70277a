// What every log-like list (events, rewards) reads from its URL: optional text parameters, an opaque
// keyset cursor, errors a person can act on, and the query written back in a stable order.
import { z } from "zod";

/** One optional text value from a URL: repeated keys keep the first, blanks mean "not set". */
export const param = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first !== "string") return first;
    const trimmed = first.trim();
    return trimmed === "" ? undefined : trimmed;
  }, schema.optional());

export const RowIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "is not a valid id" });

const CURSOR_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Opaque to the browser: base64url of [time, id] of the last row shown (the list's sort key). */
export function encodeKeysetCursor(at: Date | string, id: string): string {
  const iso = typeof at === "string" ? at : at.toISOString();
  return btoa(JSON.stringify([iso, id]))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

export function decodeKeysetCursor(cursor: string): { at: Date; id: string } | null {
  try {
    const base64 = cursor.replaceAll("-", "+").replaceAll("_", "/");
    const decoded: unknown = JSON.parse(atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4)));
    if (!Array.isArray(decoded) || decoded.length !== 2) return null;
    const [iso, id] = decoded as unknown[];
    if (
      typeof iso !== "string" ||
      !CURSOR_ISO.test(iso) ||
      typeof id !== "string" ||
      !RowIdSchema.safeParse(id).success
    )
      return null;
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? null : { at, id };
  } catch {
    return null;
  }
}

/** The `cursor` URL parameter: only one this portal made. `restart` names where to start again. */
export const cursorParam = (restart: string) =>
  param(
    z.string().refine((cursor) => decodeKeysetCursor(cursor) !== null, {
      error: `link is invalid; start again from the newest ${restart}`,
    }),
  );

/** A cursor handed back by a button (null: from the start). */
export const CursorInputSchema = z
  .string()
  .refine((cursor) => decodeKeysetCursor(cursor) !== null)
  .nullable();

export type ParsedListQuery<Q> = { ok: true; query: Q } | { ok: false; errors: string[] };

export type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** Validates URL parameters; every problem becomes one sentence a person can act on, led by the field's label. */
export function parseListQuery<S extends z.ZodType>(
  schema: S,
  labels: Record<string, string>,
  raw: RawParams,
): ParsedListQuery<z.infer<S>> {
  const input = raw instanceof URLSearchParams ? Object.fromEntries(raw) : raw;
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, query: parsed.data };
  const errors = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? "");
    return `${labels[field] ?? field}: ${issue.message}.`;
  });
  return { ok: false, errors };
}

/** The query back as URL parameters in the order of `keys` (query keys and links stay identical). */
export function searchParamsOf<K extends string>(
  keys: readonly K[],
  query: Partial<Record<K, string | undefined>>,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** The filters alone: the first page of the same list, the CSV export, batch actions. */
export function withoutCursor<Q extends { cursor?: string }>(query: Q): Omit<Q, "cursor"> {
  const { cursor: _cursor, ...filters } = query;
  return filters;
}
