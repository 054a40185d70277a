import type { NextRequest } from "next/server";
import { getPrincipal } from "@/lib/auth/session";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/error-response";
import { parseEventListQuery, withoutCursor } from "@/lib/schemas/events";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { scopeOf } from "@/lib/server/events/event-scope";
import { exportEventsCsv } from "@/lib/server/events/export-events-csv";

export const dynamic = "force-dynamic";

// GET /api/events/export – the filtered delivery log as a streamed CSV download (session-scoped)
export async function GET(request: NextRequest) {
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to export events.");
    const parsed = parseEventListQuery(request.nextUrl.searchParams);
    if (!parsed.ok) throw new AppError("BAD_REQUEST", parsed.errors.join(" "));
    const filters = withoutCursor(parsed.query);
    if (principal.role === "staff") {
      // Exports carry customer ids of possibly every account: who took one is worth knowing.
      await recordAudit({ staffUserId: principal.staffUserId, action: "events.export", accountId: filters.account, targetType: "events", details: filters });
    }
    const filename = `events-${new Date().toISOString().slice(0, 19).replaceAll(":", "")}.csv`;
    return new Response(exportEventsCsv(scopeOf(principal), filters), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        // Streamed: the length is not known up front, and proxies must not buffer it.
        "x-accel-buffering": "no",
      },
    });
  } catch (error) {
    return errorResponse(error, "events-export");
  }
}
