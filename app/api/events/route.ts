import { NextResponse, type NextRequest } from "next/server";
import { getPrincipal } from "@/lib/auth/session";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/error-response";
import { parseEventListQuery } from "@/lib/schemas/events";
import { scopeOf } from "@/lib/server/events/event-scope";
import { findEvents } from "@/lib/server/events/find-events";

export const dynamic = "force-dynamic";

// GET /api/events – one page of the delivery log for the live refresh (brand: own account; staff: all or ?account=)
export async function GET(request: NextRequest) {
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to see events.");
    const parsed = parseEventListQuery(request.nextUrl.searchParams);
    if (!parsed.ok) throw new AppError("BAD_REQUEST", parsed.errors.join(" "));
    const page = await findEvents(scopeOf(principal), parsed.query);
    return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "events-list");
  }
}
