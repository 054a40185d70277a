// The delivery log's URL: filters and the keyset cursor, validated once and shared by the pages,
// the JSON routes, the CSV export, the actions and the query keys. Values stay strings (what the
// URL holds); lib/server turns them into conditions.
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/lib/mapping/plan-deliveries";
import {
  CursorInputSchema,
  cursorParam,
  type ParsedListQuery,
  param,
  parseListQuery,
  type RawParams,
  RowIdSchema,
  searchParamsOf,
} from "@/lib/schemas/list-query";
import { EVENT_OUTCOMES } from "@/lib/views/event-view";

// Action inputs and the integration actions validate ids with the same schema.
export { RowIdSchema };

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

const DateOrDateTimeSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "must be a date (YYYY-MM-DD)",
});

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

export const EventListQuerySchema = EventFiltersSchema.safeExtend({ cursor: cursorParam("events") });
export type EventListQuery = z.infer<typeof EventListQuerySchema>;

export type ParsedEventListQuery = ParsedListQuery<EventListQuery>;

/** Validates URL parameters; every problem becomes one sentence a person can act on. */
export function parseEventListQuery(raw: RawParams): ParsedEventListQuery {
  return parseListQuery(EventListQuerySchema, FIELD_LABELS, raw);
}

const QUERY_KEYS = ["account", "integration", "type", "status", "from", "to", "q", "cursor"] as const;

/** The query back as URL parameters, in a stable order (query keys and links stay identical). */
export function toSearchParams(query: Partial<EventListQuery>): URLSearchParams {
  return searchParamsOf(QUERY_KEYS, query);
}

export const ReplayDeliveryInputSchema = z.object({
  deliveryId: RowIdSchema,
  confirmSendAgain: z.boolean().optional(),
});

export const MarkDeliveredInputSchema = z.object({ deliveryId: RowIdSchema });

export const RetryFailedInputSchema = z.object({
  filters: EventFiltersSchema,
  cursor: CursorInputSchema,
});
