// A worker that dies between sending to impact.com and recording the answer (kill -9, OOM, a deploy's
// SIGKILL) leaves an in-flight attempt; the database restarting after impact.com answered must not lose
// the answer. Found by `npm run drill` (kill -9 and PostgreSQL restart drills).

import type Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { beginImpactAttempt, UNKNOWN_OUTCOME_ERROR } from "@/lib/server/deliveries/begin-impact-attempt";
import { claimDueDeliveries } from "@/lib/server/deliveries/claim-due-deliveries";
import { LocalWorker } from "@/lib/server/deliveries/local-worker";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { drainToOutcome, parkActiveDeliveries } from "@/testing/db/fast-forward";
import { createConnectedIntegration } from "@/testing/fakes/connected-integration";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildCharge } from "@/testing/stripe/builders/charge";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildInvoicePayment, buildPaidInvoice } from "@/testing/stripe/builders/invoice";

const fakes = useFakes({ impact: { submissionTiming: { completeAfterMs: 0 } } });
beforeEach(parkActiveDeliveries);
const worker = new LocalWorker({ impactTimeoutMs: 1_000 });

async function setup() {
  const { stripeAccount, integration } = await createConnectedIntegration(fakes);
  const store = async (event: Stripe.Event) => {
    await storeStripeEvent(integration, event, "webhook");
    await prisma.delivery.updateMany({
      where: { integrationId: integration.id, status: { in: ["pending", "retrying"] } },
      data: { dueAt: new Date() },
    });
  };
  return { integration, stripeAccount, store };
}

/** What a worker leaves behind when it dies right after committing its in-flight row. */
async function crashAfterBeginning(): Promise<string> {
  const [claimed] = await claimDueDeliveries(1);
  const begun = await beginImpactAttempt(
    claimed!.id,
    claimed!.leaseToken,
    {
      runner: "local",
      startedAt: new Date(),
      requestMethod: "POST",
      requestUrl: "https://api.impact.com/…",
      requestBody: "OrderId=…",
    },
    { resendUnfinished: false },
  );
  expect(begun.kind).toBe("begun");
  // Time passes (or the dead worker's presence is gone): the lease no longer protects the row.
  await prisma.delivery.update({ where: { id: claimed!.id }, data: { leaseUntil: new Date(Date.now() - 1) } });
  return claimed!.id;
}

afterEach(async () => {
  await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS fail_recording ON "Delivery"`);
});

describe("attempts that did not finish", () => {
  it("records a normal attempt in one row that is no longer in flight", async () => {
    const { store } = await setup();
    await store(buildEvent("invoice.paid", buildPaidInvoice({ billingReason: "subscription_create" })));
    await worker.drain();
    const attempts = await prisma.deliveryAttempt.findMany();
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ number: 1, isInFlight: false, responseStatus: 200 });
  });

  it("never sends again a conversion that a dead worker may have sent: it is held for a person, saying why", async () => {
    const { store } = await setup();
    const invoice = buildPaidInvoice({ billingReason: "subscription_create" });
    await store(buildEvent("invoice.paid", invoice));
    const deliveryId = await crashAfterBeginning();

    await worker.drain();

    expect(fakes.impact.requests({ path: "Conversions" })).toHaveLength(0);
    const delivery = await prisma.delivery.findUniqueOrThrow({
      where: { id: deliveryId },
      include: { attempts: true, stripeEvent: true },
    });
    expect(delivery).toMatchObject({ status: "unknown", dueAt: null, leaseToken: null, attemptCount: 1 });
    expect(delivery.lastError).toMatch(
      new RegExp(`^outcome unknown: .*order ${invoice.id}: check it there, and use "Send again" only if it is missing`),
    );
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ number: 1, isInFlight: false, error: UNKNOWN_OUTCOME_ERROR }),
    ]);
    expect(delivery.stripeEvent.outcome).toBe("unknown");
    expect(await worker.drain()).toBe(0);
  });

  it("sends a refund again after an unknown outcome: setting the remaining amount twice is harmless", async () => {
    const { store, stripeAccount } = await setup();
    const invoice = buildPaidInvoice({ billingReason: "subscription_create", amountPaid: 5000 });
    fakes.stripe.seed(stripeAccount.id, invoice, buildInvoicePayment({ invoice, paymentIntent: "pi_unknown1" }));
    await store(buildEvent("invoice.paid", invoice));
    await drainToOutcome(worker); // the conversion is confirmed: the refund may be sent
    const charge = buildCharge({ id: "ch_unknown1", amount: 5000, amountRefunded: 5000, paymentIntent: "pi_unknown1" });
    fakes.stripe.seed(stripeAccount.id, charge);
    await store(buildEvent("charge.refunded", charge));
    const deliveryId = await crashAfterBeginning();

    await worker.drain();

    expect(fakes.impact.actionUpdates().map((request) => request.params.Amount)).toEqual(["0.00"]);
    const attempts = await prisma.deliveryAttempt.findMany({ where: { deliveryId }, orderBy: { number: "asc" } });
    expect(attempts.map((attempt) => [attempt.isInFlight, attempt.error ?? attempt.responseStatus])).toEqual([
      [false, UNKNOWN_OUTCOME_ERROR],
      [false, 200],
    ]);
    expect((await prisma.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("sent");
  });

  it("keeps trying to record impact.com's answer while the database refuses the write, and sends once", async () => {
    const { store } = await setup();
    await store(buildEvent("invoice.paid", buildPaidInvoice({ billingReason: "subscription_create" })));
    // The two first writes of the outcome fail, as they would while PostgreSQL restarts (a sequence
    // counts them: nextval survives the failing transaction's rollback).
    await prisma.$executeRawUnsafe(`CREATE SEQUENCE IF NOT EXISTS failed_recordings`);
    await prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION fail_recording() RETURNS trigger AS $$ BEGIN
         IF nextval('failed_recordings') <= 2 THEN RAISE EXCEPTION 'the database system is shutting down'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER fail_recording BEFORE UPDATE ON "Delivery" FOR EACH ROW WHEN (NEW.status = 'sent' AND OLD.status <> 'sent') EXECUTE FUNCTION fail_recording()`,
    );

    await worker.drain();

    expect(fakes.impact.conversions()).toHaveLength(1);
    const delivery = await prisma.delivery.findFirstOrThrow({
      orderBy: { createdAt: "desc" },
      include: { attempts: true },
    });
    expect(delivery).toMatchObject({ status: "sent", leaseToken: null });
    expect(delivery.attempts).toEqual([expect.objectContaining({ isInFlight: false, responseStatus: 200 })]);
  });
});
