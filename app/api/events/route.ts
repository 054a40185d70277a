import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors/app-error";
import { withPrincipal } from "@/lib/http/with-principal";
import { parseEventListQuery } from "@/lib/schemas/events";
import { withoutCursor } from "@/lib/schemas/list-query";
import { recordStaffRead } from "@/lib/server/audit/record-staff-read";
import { scopeOf } from "@/lib/server/events/event-scope";
import { findEvents } from "@/lib/server/events/find-events";

export const dynamic = "force-dynamic";

// GET /api/events – one page of the delivery log for the live refresh (brand: own account; staff: all or ?account=)
export const GET = withPrincipal("events-list", async ({ request, principal }) => {
  const parsed = parseEventListQuery(new URL(request.url).searchParams);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", parsed.errors.join(" "));
  const page = await findEvents(scopeOf(principal), parsed.query);
  // Staff reading tenants' delivery logs is audited (once per staff member, account filter and 10 minutes).
  if (principal.role === "staff") {
    await recordStaffRead({
      staffUserId: principal.staffUserId,
      action: "events.list",
      accountId: parsed.query.account ?? null,
      targetType: "events",
      details: withoutCursor(parsed.query),
    });
  }
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
});
