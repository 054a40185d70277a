import { NextResponse } from "next/server";
import { isAppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/error-response";
import { readLimitedText } from "@/lib/http/read-limited-text";
import { requestLogger } from "@/lib/log";
import { receiveAdvocateWebhook } from "@/lib/server/advocate/receive-advocate-webhook";

export const dynamic = "force-dynamic";

/** SPEC §11: Advocate's events are far smaller; anything bigger is not from Advocate. */
const MAX_BODY_BYTES = 1024 * 1024;

// POST /api/webhooks/advocate/[integrationId] – verify, store, ack with exactly 200 (anything else is a failure to Advocate)
export async function POST(request: Request, { params }: { params: Promise<{ integrationId: string }> }) {
  const { integrationId } = await params;
  const { log, requestId } = requestLogger(request, "advocate-webhook");
  let response: NextResponse;
  try {
    const rawBody = await readLimitedText(request, MAX_BODY_BYTES);
    const receipt = await receiveAdvocateWebhook(integrationId, rawBody, request.headers.get("x-hook-jws-rfc-7797"));
    log.info(
      {
        integrationId,
        advocateEventId: receipt.advocateEventId,
        type: receipt.type,
        isDuplicate: receipt.isDuplicate,
        credits: receipt.credits.length,
      },
      "advocate webhook stored",
    );
    response = NextResponse.json(
      { received: true, duplicate: receipt.isDuplicate, event: receipt.advocateEventId },
      { status: 200 },
    );
  } catch (error) {
    // A client error is the sender's (a bad signature, an unknown id): noted, not an alarm. Anything else is
    // logged by errorResponse and answered 503 so that Advocate retries (hourly, for three days).
    if (isAppError(error))
      log.info({ integrationId, code: error.code, reason: error.message }, "advocate webhook refused");
    response = errorResponse(error, "advocate-webhook", log.child({ integrationId }));
  }
  response.headers.set("x-request-id", requestId);
  return response;
}
