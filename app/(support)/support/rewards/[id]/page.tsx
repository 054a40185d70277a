import { RewardDetailView } from "@/components/rewards/reward-detail-view";
import { retryRewardAction } from "@/lib/actions/rewards/retry-reward";
import { requireStaff } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/or-not-found";
import { recordStaffRead } from "@/lib/server/audit/record-staff-read";
import { scopeOf } from "@/lib/server/events/event-scope";
import { getRewardDetail } from "@/lib/server/rewards/get-reward-detail";

export const metadata = { title: "Reward · Support console" };

// GET /support/rewards/[id] – any account's reward credit, the same detail as /rewards/[id] (retries are audited)
export default async function SupportRewardPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff();
  const { id } = await params;
  const detail = await orNotFound(getRewardDetail(scopeOf(staff), id));
  // Audited like its live refresh (GET /api/rewards/[id]): the same action, so the two add one row per 10 minutes.
  await recordStaffRead({
    staffUserId: staff.staffUserId,
    action: "reward.view",
    accountId: detail.account.id,
    targetType: "reward",
    targetId: id,
  });
  return (
    <RewardDetailView
      initialDetail={detail}
      backHref={`/support/rewards?account=${detail.account.id}`}
      retryAction={retryRewardAction}
      showAccount
    />
  );
}
