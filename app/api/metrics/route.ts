import { errorResponse } from "@/lib/http/error-response";
import { requestLogger } from "@/lib/log";
import { assertMetricsAccess } from "@/lib/server/operations/assert-metrics-access";
import { renderMetrics } from "@/lib/server/operations/render-metrics";

export const dynamic = "force-dynamic";

// GET /api/metrics – Prometheus text format; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`
export async function GET(request: Request) {
  const { log, requestId } = requestLogger(request, "metrics");
  try {
    assertMetricsAccess(request.headers.get("authorization"));
    const { body, contentType } = await renderMetrics();
    return new Response(body, {
      headers: { "content-type": contentType, "cache-control": "no-store", "x-request-id": requestId },
    });
  } catch (error) {
    log.warn({ err: error }, "metrics scrape refused or failed");
    const response = errorResponse(error, "metrics", log);
    response.headers.set("x-request-id", requestId);
    if (response.status === 401) response.headers.set("www-authenticate", 'Bearer realm="metrics"');
    return response;
  }
}
