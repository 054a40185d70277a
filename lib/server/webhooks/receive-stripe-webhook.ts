import { AppError } from "@/lib/errors/app-error";
import { getJobRunner } from "@/lib/jobs/get-job-runner";
import { type CachedIntakeIntegration, getIntakeIntegration } from "@/lib/server/webhooks/get-intake-integration";
import { StaleIntegrationError, type StoredEvent, storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { verifyStripeEvent } from "@/lib/server/webhooks/verify-stripe-event";

const INTEGRATION_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Reads of a row that keeps changing under intake before it gives up (503: Stripe retries). */
const MAX_STALE_READS = 3;

export type WebhookReceipt = StoredEvent & { stripeEventId: string };

async function integrationOrNotFound(integrationId: string, fresh: boolean): Promise<CachedIntakeIntegration> {
  const integration = await getIntakeIntegration(integrationId, { fresh });
  if (!integration) throw new AppError("NOT_FOUND", "no integration with this id");
  return integration;
}

/** Verifies with the integration as remembered; a signature it refuses is checked against the row once more. */
async function verifiedWith(integration: CachedIntakeIntegration, rawBody: string, signature: string | null) {
  try {
    return { integration, event: verifyStripeEvent(rawBody, signature, integration.signingSecret) };
  } catch (error) {
    // The endpoint may have been registered again (a new signing secret) since this process remembered it.
    if (!integration.isFromCache) throw error;
    const current = await integrationOrNotFound(integration.id, true);
    return { integration: current, event: verifyStripeEvent(rawBody, signature, current.signingSecret) };
  }
}

/**
 * Intake (SPEC §5): verify with the integration's own secret, store event + deliveries in one
 * statement, then hand off to the job runner. Throws AppError NOT_FOUND / BAD_REQUEST; any other
 * throw means "not stored" and must become a 5xx so Stripe retries.
 */
export async function receiveStripeWebhook(
  integrationId: string,
  rawBody: string,
  signature: string | null,
): Promise<WebhookReceipt> {
  // Whatever the URL carried (a NUL, 2,000 characters) is no id of ours: not found, without asking the database.
  if (!INTEGRATION_ID.test(integrationId)) throw new AppError("NOT_FOUND", "no integration with this id");
  let { integration, event } = await verifiedWith(
    await integrationOrNotFound(integrationId, false),
    rawBody,
    signature,
  );
  for (let reads = 1; ; reads++) {
    try {
      const stored = await storeStripeEvent(integration, event, "webhook");
      // After commit, never before: a runner must not see work the database may still roll back.
      await getJobRunner().enqueue(stored.deliveries);
      return { ...stored, stripeEventId: event.id };
    } catch (error) {
      if (!(error instanceof StaleIntegrationError) || reads >= MAX_STALE_READS) throw error;
      // Edited, disabled or given a new secret since it was read: plan (and verify) with the row as it is now.
      integration = await integrationOrNotFound(integrationId, true);
      event = verifyStripeEvent(rawBody, signature, integration.signingSecret);
    }
  }
}
