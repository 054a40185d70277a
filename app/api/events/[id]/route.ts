import { NextResponse } from "next/server";
import { withPrincipal } from "@/lib/http/with-principal";
import { recordStaffRead } from "@/lib/server/audit/record-staff-read";
import { scopeOf } from "@/lib/server/events/event-scope";
import { getEventDetail } from "@/lib/server/events/get-event-detail";

export const dynamic = "force-dynamic";

// GET /api/events/[id] – one event with its deliveries and attempts, for the detail page's live refresh
export const GET = withPrincipal<{ id: string }>("event-detail", async ({ principal, params }) => {
  const detail = await getEventDetail(scopeOf(principal), params.id);
  // Staff reading a tenant's event is audited (once per staff member, event and 10 minutes).
  if (principal.role === "staff") {
    await recordStaffRead({
      staffUserId: principal.staffUserId,
      action: "event.view",
      accountId: detail.account.id,
      targetType: "event",
      targetId: params.id,
    });
  }
  return NextResponse.json(detail, { headers: { "cache-control": "no-store" } });
});
