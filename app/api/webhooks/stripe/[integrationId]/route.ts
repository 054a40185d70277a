import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { readLimitedText } from "@/lib/http/read-limited-text";
import { receiveStripeWebhook } from "@/lib/server/webhooks/receive-stripe-webhook";

export const dynamic = "force-dynamic";

/** Stripe's events are far smaller; anything bigger is not from Stripe. */
const MAX_BODY_BYTES = 1024 * 1024;

// POST /api/webhooks/stripe/[integrationId] – verify, store, ack
export async function POST(request: Request, { params }: { params: Promise<{ integrationId: string }> }) {
  const { integrationId } = await params;
  try {
    const rawBody = await readLimitedText(request, MAX_BODY_BYTES);
    const receipt = await receiveStripeWebhook(integrationId, rawBody, request.headers.get("stripe-signature"));
    return NextResponse.json({ received: true, duplicate: receipt.isDuplicate, event: receipt.stripeEventId });
  } catch (error) {
    // Anything but a known client error means "not stored": a 5xx makes Stripe retry.
    return errorResponse(error, "stripe-webhook");
  }
}
