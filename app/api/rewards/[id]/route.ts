import { NextResponse } from "next/server";
import { withPrincipal } from "@/lib/http/with-principal";
import { recordStaffRead } from "@/lib/server/audit/record-staff-read";
import { scopeOf } from "@/lib/server/events/event-scope";
import { getRewardDetail } from "@/lib/server/rewards/get-reward-detail";

export const dynamic = "force-dynamic";

// GET /api/rewards/[id] – one reward credit with its attempts, for the detail page's live refresh
export const GET = withPrincipal<{ id: string }>("reward-detail", async ({ principal, params }) => {
  const detail = await getRewardDetail(scopeOf(principal), params.id);
  // Staff reading a tenant's reward is audited (once per staff member, reward and 10 minutes).
  if (principal.role === "staff") {
    await recordStaffRead({
      staffUserId: principal.staffUserId,
      action: "reward.view",
      accountId: detail.account.id,
      targetType: "reward",
      targetId: params.id,
    });
  }
  return NextResponse.json(detail, { headers: { "cache-control": "no-store" } });
});
