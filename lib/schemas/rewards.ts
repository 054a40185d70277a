// The Rewards view's URL (SPEC §11): filters and the keyset cursor, validated once and shared by the
// pages, the JSON routes, the CSV export and the query keys, like lib/schemas/events.ts for events.
import { z } from "zod";
import {
  cursorParam,
  type ParsedListQuery,
  param,
  parseListQuery,
  type RawParams,
  RowIdSchema,
  searchParamsOf,
} from "@/lib/schemas/list-query";
import { REWARD_STATUSES } from "@/lib/views/reward-view";

const FIELD_LABELS: Record<string, string> = {
  integration: "Integration",
  status: "Status",
  q: "Search",
  account: "Account",
  cursor: "Page",
};

export const RewardFiltersSchema = z.object({
  integration: param(RowIdSchema),
  status: param(z.enum(REWARD_STATUSES, { error: `must be one of ${REWARD_STATUSES.join(", ")}` })),
  /** Exact Advocate reward id, Stripe customer id, or participant (Advocate user or account id). */
  q: param(z.string().max(255, { error: "is too long (255 characters at most)" })),
  /** Staff only: one account; ignored for brands, whose own account always applies. */
  account: param(RowIdSchema),
});
export type RewardFilters = z.infer<typeof RewardFiltersSchema>;

export const RewardListQuerySchema = RewardFiltersSchema.safeExtend({ cursor: cursorParam("rewards") });
export type RewardListQuery = z.infer<typeof RewardListQuerySchema>;

export function parseRewardListQuery(raw: RawParams): ParsedListQuery<RewardListQuery> {
  return parseListQuery(RewardListQuerySchema, FIELD_LABELS, raw);
}

const QUERY_KEYS = ["account", "integration", "status", "q", "cursor"] as const;

/** The query back as URL parameters, in a stable order (query keys and links stay identical). */
export function rewardSearchParams(query: Partial<RewardListQuery>): URLSearchParams {
  return searchParamsOf(QUERY_KEYS, query);
}

export const RetryRewardInputSchema = z.object({ rewardCreditId: RowIdSchema });
