import { REWARD_STATUS_STYLES } from "@/components/rewards/reward-status-styles";
import { StatusBadge } from "@/components/ui/status-badge";
import { REWARD_STATUS_LABELS, type RewardStatusName } from "@/lib/views/reward-view";

/** Where a reward credit stands, in its own label and colour. */
export function RewardStatusBadge({ status }: { status: RewardStatusName }) {
  return (
    <StatusBadge
      data-testid="reward-status"
      label={REWARD_STATUS_LABELS[status]}
      className={REWARD_STATUS_STYLES[status].badge}
    />
  );
}
