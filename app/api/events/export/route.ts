import { AppError } from "@/lib/errors/app-error";
import { withPrincipal } from "@/lib/http/with-principal";
import { parseEventListQuery } from "@/lib/schemas/events";
import { withoutCursor } from "@/lib/schemas/list-query";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { scopeOf } from "@/lib/server/events/event-scope";
import { exportEventsCsv } from "@/lib/server/events/export-events-csv";

export const dynamic = "force-dynamic";

// GET /api/events/export – the filtered delivery log as a streamed CSV download (session-scoped)
export const GET = withPrincipal("events-export", async ({ request, principal }) => {
  const parsed = parseEventListQuery(new URL(request.url).searchParams);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", parsed.errors.join(" "));
  const filters = withoutCursor(parsed.query);
  if (principal.role === "staff") {
    // Exports carry customer ids of possibly every account: who took one is worth knowing.
    await recordAudit({
      staffUserId: principal.staffUserId,
      action: "events.export",
      accountId: filters.account,
      targetType: "events",
      details: filters,
    });
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
});
