import type { AdvocateWebhook } from "@/lib/advocate/webhook-schema";
import { prisma } from "@/lib/db";
import type { EnqueuedRewardCredit } from "@/lib/jobs/job-runner";
import type { AdvocateEventPlan } from "@/lib/server/advocate/plan-advocate-event";
import { getMetrics } from "@/lib/server/operations/metrics";
import { toJsonbText, toStorableText } from "@/lib/server/webhooks/to-jsonb-text";

export type IntakeConnection = { integrationId: string; accountId: string; tenantAlias: string };

export type StoredAdvocateEvent = {
  isDuplicate: boolean;
  /** Stored as ignored: not a credit, or its reward was planned by an earlier event. */
  isIgnored: boolean;
  /** The credit this event planned (none when ignored, duplicate, or the reward was planned already). */
  credits: EnqueuedRewardCredit[];
};

/**
 * Stores a verified Advocate event and the reward credit it plans in ONE transaction. Idempotent twice
 * over: the same event id for the same integration (Advocate's hourly retries, ten concurrent copies)
 * inserts nothing and reports `isDuplicate`; another event carrying a reward already planned is stored,
 * ignored with the reason, and plans no second credit — the row per (tenant, reward id) is the guard.
 */
export async function storeAdvocateEvent(
  connection: IntakeConnection,
  event: AdvocateWebhook,
  plan: AdvocateEventPlan,
): Promise<StoredAdvocateEvent> {
  const now = new Date();
  const stored = await prisma.$transaction(async (tx): Promise<StoredAdvocateEvent> => {
    // ON CONFLICT DO NOTHING (skipDuplicates) rather than catching a unique violation: a concurrent
    // duplicate waits for the first transaction, then inserts nothing, and this transaction stays usable.
    const [inserted] = await tx.advocateEvent.createManyAndReturn({
      data: [
        {
          accountId: connection.accountId,
          integrationId: connection.integrationId,
          advocateEventId: toStorableText(event.id),
          type: toStorableText(event.type),
          tenantAlias: toStorableText(event.tenantAlias),
          live: event.live,
          advocateCreatedAt: new Date(event.created),
          status: plan.kind === "ignored" ? "ignored" : "accepted",
          ignoredReason: plan.kind === "ignored" ? toStorableText(plan.reason) : null,
          // jsonb refuses \u0000 and lone surrogates, which a signed payload may still carry.
          payload: JSON.parse(toJsonbText(event)),
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    if (!inserted) return { isDuplicate: true, isIgnored: false, credits: [] };
    if (plan.kind === "ignored") return { isDuplicate: false, isIgnored: true, credits: [] };

    const { credit } = plan;
    const [planned] = await tx.rewardCredit.createManyAndReturn({
      data: [
        {
          accountId: connection.accountId,
          integrationId: connection.integrationId,
          advocateEventId: inserted.id,
          tenantAlias: connection.tenantAlias,
          rewardId: toStorableText(credit.rewardId),
          advocateAccountId: toStorableText(credit.advocateAccountId),
          advocateUserId: toStorableText(credit.advocateUserId),
          unit: toStorableText(credit.unit),
          currency: credit.currency,
          amount: credit.amount,
          status: "pending",
          dueAt: now,
        },
      ],
      skipDuplicates: true, // the same reward planned by another event id stays one credit
      select: { id: true, generation: true },
    });
    await tx.advocateConnection.updateMany({
      where: { integrationId: connection.integrationId },
      data: { lastRewardAt: now },
    });
    if (!planned) {
      // Visible in the event log: this event arrived, and credits nothing because the reward is planned already.
      await tx.advocateEvent.update({
        where: { id: inserted.id },
        data: {
          status: "ignored",
          ignoredReason: toStorableText(`reward ${credit.rewardId} was already planned by an earlier event`),
        },
      });
      return { isDuplicate: false, isIgnored: true, credits: [] };
    }
    return { isDuplicate: false, isIgnored: false, credits: [{ id: planned.id, generation: planned.generation }] };
  });
  // After commit: counted once per event handed to intake, duplicates included (as Stripe's are).
  const outcome = stored.isDuplicate ? "duplicate" : stored.isIgnored ? "ignored" : "accepted";
  getMetrics().webhooksReceived.inc({ source: "advocate", type: event.type.slice(0, 100), outcome });
  return stored;
}
