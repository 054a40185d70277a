import { decryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { publicFailureOf } from "@/lib/errors/public-reason";
import { getJobRunner } from "@/lib/jobs/get-job-runner";
import { RecoveryWindowSchema } from "@/lib/schemas/recovery";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { rereadEventObject } from "@/lib/stripe/reread-event-object";
import { createStripeClient, WEBHOOK_EVENTS } from "@/lib/stripe/stripe-client";
import type { RecoveryReport } from "@/lib/views/recovery-view";

/**
 * Lists the Stripe account's events of the window and ingests the ones not stored yet, through the
 * same idempotent store as the webhook route (so running it twice, or while webhooks arrive, adds
 * nothing twice). Each object is re-read at the pinned API version before it is stored.
 * `accountId` null means staff (any account).
 */
export async function recoverMissedEvents(
  accountId: string | null,
  integrationId: string,
  window: unknown,
): Promise<RecoveryReport> {
  const parsed = RecoveryWindowSchema.safeParse(window);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("BAD_REQUEST", issue.message, String(issue.path[0] ?? ""));
  }
  const integration = await prisma.integration.findFirst({
    where: { id: integrationId, ...(accountId ? { accountId } : {}) },
    select: {
      id: true,
      accountId: true,
      eventTypeId: true,
      recurringEventTypeId: true,
      isEnabled: true,
      stripeApiKeyEncrypted: true,
    },
  });
  if (!integration) throw new AppError("NOT_FOUND", "Integration not found.");

  const stripe = createStripeClient(
    decryptSecret(integration.stripeApiKeyEncrypted, integrationSecret(integration.id, "stripeApiKeyEncrypted")),
  );
  const report: RecoveryReport = { listed: 0, alreadyStored: 0, ingested: 0, failed: [] };
  const created = {
    gte: Math.floor(parsed.data.from.getTime() / 1000),
    lte: Math.floor(parsed.data.to.getTime() / 1000),
  };
  try {
    for await (const listed of stripe.events.list({ created, types: [...WEBHOOK_EVENTS], limit: 100 })) {
      report.listed++;
      const isStored = await prisma.stripeEvent.findUnique({
        where: { integrationId_stripeEventId: { integrationId, stripeEventId: listed.id } },
        select: { id: true },
      });
      if (isStored) {
        report.alreadyStored++;
        continue;
      }
      try {
        const event = await rereadEventObject(stripe, listed);
        if (!event) continue;
        const stored = await storeStripeEvent(integration, event, "recovery");
        if (stored.isDuplicate)
          report.alreadyStored++; // a webhook got there first
        else report.ingested++;
        await getJobRunner().enqueue(stored.deliveries);
      } catch (error) {
        // The report is shown to the brand: a classified reason and a reference, the raw text to the log.
        const failure = publicFailureOf(error, `recovering ${listed.id}`, "recover-missed-events");
        report.failed.push({ stripeEventId: listed.id, error: `${failure.reason} — reference ${failure.reference}` });
      }
    }
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError(
      "UPSTREAM_UNAVAILABLE",
      publicFailureOf(error, "Listing events from Stripe", "recover-missed-events").message,
    );
  }
  return report;
}
