import { decryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { getJobRunner } from "@/lib/jobs/get-job-runner";
import { type StoredEvent, storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { verifyStripeEvent } from "@/lib/server/webhooks/verify-stripe-event";

const INTEGRATION_ID = /^[A-Za-z0-9_-]{1,128}$/;

export type WebhookReceipt = StoredEvent & { stripeEventId: string };

/**
 * Intake (SPEC §5): verify with the integration's own secret, store event + deliveries in one
 * transaction, then hand off to the job runner. Throws AppError NOT_FOUND / BAD_REQUEST; any other
 * throw means "not stored" and must become a 5xx so Stripe retries.
 */
export async function receiveStripeWebhook(
  integrationId: string,
  rawBody: string,
  signature: string | null,
): Promise<WebhookReceipt> {
  // Whatever the URL carried (a NUL, 2,000 characters) is no id of ours: not found, without asking the database.
  if (!INTEGRATION_ID.test(integrationId)) throw new AppError("NOT_FOUND", "no integration with this id");
  const integration = await prisma.integration.findUnique({
    where: { id: integrationId },
    select: {
      id: true,
      accountId: true,
      eventTypeId: true,
      recurringEventTypeId: true,
      isEnabled: true,
      stripeWebhookSecretEncrypted: true,
    },
  });
  if (!integration?.stripeWebhookSecretEncrypted) throw new AppError("NOT_FOUND", "no integration with this id");
  const event = verifyStripeEvent(
    rawBody,
    signature,
    decryptSecret(
      integration.stripeWebhookSecretEncrypted,
      integrationSecret(integration.id, "stripeWebhookSecretEncrypted"),
    ),
  );
  const stored = await storeStripeEvent(integration, event, "webhook");
  // After commit, never before: a runner must not see work the database may still roll back.
  await getJobRunner().enqueue(stored.deliveries);
  return { ...stored, stripeEventId: event.id };
}
