import { RewardDetailView } from "@/components/rewards/reward-detail-view";
import { retryRewardAction } from "@/lib/actions/rewards/retry-reward";
import { requireBrand } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/or-not-found";
import { scopeOf } from "@/lib/server/events/event-scope";
import { getRewardDetail } from "@/lib/server/rewards/get-reward-detail";

export const metadata = { title: "Reward · Payments integration portal" };

// GET /rewards/[id] – one reward credit: where it stands, every attempt, Try again (no loading.tsx: 404 must stay 404)
export default async function RewardPage({ params }: { params: Promise<{ id: string }> }) {
  const brand = await requireBrand();
  const { id } = await params;
  const detail = await orNotFound(getRewardDetail(scopeOf(brand), id));
  return <RewardDetailView initialDetail={detail} backHref="/rewards" retryAction={retryRewardAction} />;
}
