import { AppError } from "@/lib/errors/app-error";
import { withPrincipal } from "@/lib/http/with-principal";
import { withoutCursor } from "@/lib/schemas/list-query";
import { parseRewardListQuery } from "@/lib/schemas/rewards";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { scopeOf } from "@/lib/server/events/event-scope";
import { exportRewardsCsv } from "@/lib/server/rewards/export-rewards-csv";

export const dynamic = "force-dynamic";

// GET /api/rewards/export – the filtered Rewards view as a streamed CSV download (session-scoped)
export const GET = withPrincipal("rewards-export", async ({ request, principal }) => {
  const parsed = parseRewardListQuery(new URL(request.url).searchParams);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", parsed.errors.join(" "));
  const filters = withoutCursor(parsed.query);
  if (principal.role === "staff") {
    // Exports carry customer ids and participants of possibly every account: who took one is worth knowing.
    await recordAudit({
      staffUserId: principal.staffUserId,
      action: "rewards.export",
      accountId: filters.account,
      targetType: "rewards",
      details: filters,
    });
  }
  const filename = `rewards-${new Date().toISOString().slice(0, 19).replaceAll(":", "")}.csv`;
  return new Response(exportRewardsCsv(scopeOf(principal), filters), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      // Streamed: the length is not known up front, and proxies must not buffer it.
      "x-accel-buffering": "no",
    },
  });
});
