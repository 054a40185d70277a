// The one colour of every reward status (labels: REWARD_STATUS_LABELS in lib/views/reward-view), taken from
// the events log's palette by meaning, so "credited" reads like "delivered" and "needs mapping" like the
// other state that waits for a person ("outcome unknown").
import { OUTCOME_STYLES, type OutcomeStyle } from "@/components/events/outcome-styles";
import type { RewardStatusName } from "@/lib/views/reward-view";

export const REWARD_STATUS_STYLES: Record<RewardStatusName, OutcomeStyle> = {
  pending: OUTCOME_STYLES.pending,
  credited: OUTCOME_STYLES.delivered,
  needs_mapping: OUTCOME_STYLES.unknown,
  retrying: OUTCOME_STYLES.retrying,
  failed: OUTCOME_STYLES.rejected,
  exhausted: OUTCOME_STYLES.exhausted,
  skipped: OUTCOME_STYLES.skipped,
};
