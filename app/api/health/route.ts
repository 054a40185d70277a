import { NextResponse } from "next/server";
import { requestLogger } from "@/lib/log";
import { checkHealth } from "@/lib/server/operations/health-checks";

export const dynamic = "force-dynamic";

// GET /api/health – no sign-in: 200 when the database, the migrations and the worker are fine, else 503 naming the check
export async function GET(request: Request) {
  const { log, requestId } = requestLogger(request, "health");
  const report = await checkHealth();
  if (report.status !== "ok") log.warn({ checks: report.checks }, "health check failing");
  return NextResponse.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store", "x-request-id": requestId },
  });
}
