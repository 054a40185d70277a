import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors/app-error";
import { withPrincipal } from "@/lib/http/with-principal";
import { withoutCursor } from "@/lib/schemas/list-query";
import { parseRewardListQuery } from "@/lib/schemas/rewards";
import { recordStaffRead } from "@/lib/server/audit/record-staff-read";
import { scopeOf } from "@/lib/server/events/event-scope";
import { findRewards } from "@/lib/server/rewards/find-rewards";

export const dynamic = "force-dynamic";

// GET /api/rewards – one page of the Rewards view for the live refresh (brand: own account; staff: all or ?account=)
export const GET = withPrincipal("rewards-list", async ({ request, principal }) => {
  const parsed = parseRewardListQuery(new URL(request.url).searchParams);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", parsed.errors.join(" "));
  const page = await findRewards(scopeOf(principal), parsed.query);
  // Staff reading tenants' rewards is audited (once per staff member, account filter and 10 minutes).
  if (principal.role === "staff") {
    await recordStaffRead({
      staffUserId: principal.staffUserId,
      action: "rewards.list",
      accountId: parsed.query.account ?? null,
      targetType: "rewards",
      details: withoutCursor(parsed.query),
    });
  }
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
});
