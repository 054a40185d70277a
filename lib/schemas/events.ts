// The delivery log's URL: filters and the keyset cursor, validated once and shared by the pages,
// the JSON routes, the CSV export, the actions and the query keys. Values stay strings (what the
// URL holds); lib/server turns them into conditions.
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/lib/mapping/plan-deliveries";
import { EVENT_OUTCOMES } from "@/lib/views/event-view";

/** Event types the portal maps (others are stored as ignored and can still be typed into the URL). */
export const MAPPED_EVENT_TYPES = WEBHOOK_EVENT_TYPES;

const FIELD_LABELS: Record<string, string> = {
  integration: "Integration",
  type: "Event type",
  status: "Status",
  from: "From date",
  to: "To date",
  q: "Search",
  account: "Account",
  cursor: "Page",
};

/** One optional text value from a URL: repeated keys keep the first, blanks mean "not set". */
const param = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first !== "string") return first;
    const trimmed = first.trim();
    return trimmed === "" ? undefined : trimmed;
  }, schema.optional());

export const RowIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "is not a valid id" });
const DateOrDateTimeSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "must be a date (YYYY-MM-DD)",
});

const CURSOR_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Opaque to the browser: base64url of [receivedAt, id] of the last row shown. */
export function encodeEventCursor(receivedAt: Date | string, id: string): string {
  const iso = typeof receivedAt === "string" ? receivedAt : receivedAt.toISOString();
  return btoa(JSON.stringify([iso, id]))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

export function decodeEventCursor(cursor: string): { receivedAt: Date; id: string } | null {
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
    const receivedAt = new Date(iso);
    return Number.isNaN(receivedAt.getTime()) ? null : { receivedAt, id };
  } catch {
    return null;
  }
}

export const EventFiltersSchema = z
  .object({
    integration: param(RowIdSchema),
    type: param(z.string().regex(/^[a-z0-9_.]{1,100}$/, { error: "is not a Stripe event type (e.g. invoice.paid)" })),
    status: param(z.enum(EVENT_OUTCOMES, { error: `must be one of ${EVENT_OUTCOMES.join(", ")}` })),
    from: param(DateOrDateTimeSchema),
    to: param(DateOrDateTimeSchema),
    q: param(z.string().max(255, { error: "is too long (255 characters at most)" })),
    /** Staff only: one account; ignored for brands, whose own account always applies. */
    account: param(RowIdSchema),
  })
  .refine((filters) => !filters.from || !filters.to || filters.from.slice(0, 10) <= filters.to.slice(0, 10), {
    path: ["to"],
    error: "is before the From date",
  });
export type EventFilters = z.infer<typeof EventFiltersSchema>;

export const EventListQuerySchema = EventFiltersSchema.safeExtend({
  cursor: param(
    z.string().refine((cursor) => decodeEventCursor(cursor) !== null, {
      error: "link is invalid; start again from the newest events",
    }),
  ),
});
export type EventListQuery = z.infer<typeof EventListQuerySchema>;

export type ParsedEventListQuery = { ok: true; query: EventListQuery } | { ok: false; errors: string[] };

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** Validates URL parameters; every problem becomes one sentence a person can act on. */
export function parseEventListQuery(raw: RawParams): ParsedEventListQuery {
  const input = raw instanceof URLSearchParams ? Object.fromEntries(raw) : raw;
  const parsed = EventListQuerySchema.safeParse(input);
  if (parsed.success) return { ok: true, query: parsed.data };
  const errors = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? "");
    return `${FIELD_LABELS[field] ?? field}: ${issue.message}.`;
  });
  return { ok: false, errors };
}

const QUERY_KEYS = ["account", "integration", "type", "status", "from", "to", "q", "cursor"] as const;

/** The query back as URL parameters, in a stable order (query keys and links stay identical). */
export function toSearchParams(query: Partial<EventListQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of QUERY_KEYS) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** The filters alone: the first page of the same list, the CSV export, "Retry all failed". */
export function withoutCursor(query: EventListQuery): EventFilters {
  const { cursor: _cursor, ...filters } = query;
  return filters;
}

export const ReplayDeliveryInputSchema = z.object({
  deliveryId: RowIdSchema,
  confirmSendAgain: z.boolean().optional(),
});

export const MarkDeliveredInputSchema = z.object({ deliveryId: RowIdSchema });

export const RetryFailedInputSchema = z.object({
  filters: EventFiltersSchema,
  cursor: z
    .string()
    .refine((cursor) => decodeEventCursor(cursor) !== null)
    .nullable(),
});
