import { NextResponse } from "next/server";
import { withPrincipal } from "@/lib/http/with-principal";
import { scopeOf } from "@/lib/server/events/event-scope";
import { getEventDetail } from "@/lib/server/events/get-event-detail";

export const dynamic = "force-dynamic";

// GET /api/events/[id] – one event with its deliveries and attempts, for the detail page's live refresh
export const GET = withPrincipal<{ id: string }>("event-detail", async ({ principal, params }) => {
  const detail = await getEventDetail(scopeOf(principal), params.id);
  return NextResponse.json(detail, { headers: { "cache-control": "no-store" } });
});
