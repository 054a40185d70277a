import { NextResponse } from "next/server";
import { isAppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/error-response";
import { readLimitedText } from "@/lib/http/read-limited-text";
import { requestLogger } from "@/lib/log";
import { receiveStripeWebhook } from "@/lib/server/webhooks/receive-stripe-webhook";

export const dynamic = "force-dynamic";

/** Stripe's events are far smaller; anything bigger is not from Stripe. */
const MAX_BODY_BYTES = 1024 * 1024;

// POST /api/webhooks/stripe/[integrationId] – verify, store, ack
export async function POST(request: Request, { params }: { params: Promise<{ integrationId: string }> }) {
  const { integrationId } = await params;
  const { log, requestId } = requestLogger(request, "stripe-webhook");
  let response: NextResponse;
  try {
    const rawBody = await readLimitedText(request, MAX_BODY_BYTES);
    const receipt = await receiveStripeWebhook(integrationId, rawBody, request.headers.get("stripe-signature"));
    log.info(
      {
        integrationId,
        stripeEventId: receipt.stripeEventId,
        isDuplicate: receipt.isDuplicate,
        deliveries: receipt.deliveries.length,
      },
      "webhook stored",
    );
    response = NextResponse.json({ received: true, duplicate: receipt.isDuplicate, event: receipt.stripeEventId });
  } catch (error) {
    // A client error is the sender's (a bad signature, an unknown id): noted, not an alarm. Anything else is
    // logged by errorResponse and answered 503 so that Stripe retries.
    if (isAppError(error)) log.info({ integrationId, code: error.code, reason: error.message }, "webhook refused");
    response = errorResponse(error, "stripe-webhook", log.child({ integrationId }));
  }
  response.headers.set("x-request-id", requestId);
  return response;
}
