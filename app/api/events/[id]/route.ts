import { NextResponse } from "next/server";
import { getPrincipal } from "@/lib/auth/session";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/error-response";
import { getEventDetail } from "@/lib/server/events/get-event-detail";
import { scopeOf } from "@/lib/server/events/event-scope";

export const dynamic = "force-dynamic";

// GET /api/events/[id] – one event with its deliveries and attempts, for the detail page's live refresh
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to see events.");
    const { id } = await params;
    const detail = await getEventDetail(scopeOf(principal), id);
    return NextResponse.json(detail, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "event-detail");
  }
}
