// Time passing, for runner tests: what is scheduled falls due now instead of after its backoff or poll delay.
import { prisma } from "@/lib/db";

/** Sends and retries that wait fall due now. */
export function fastForwardSends() {
  return prisma.delivery.updateMany({
    where: { status: { in: ["pending", "retrying"] } },
    data: { dueAt: new Date() },
  });
}

/** Queued submissions' outcome reads (status sent, SPEC §6a) fall due now. */
export function fastForwardOutcomeReads() {
  return prisma.delivery.updateMany({ where: { status: "sent" }, data: { dueAt: new Date() } });
}

/** Drains a worker, then reads every queued submission's outcome, until nothing more is due. */
export async function drainToOutcome(worker: { drain(): Promise<number> }): Promise<void> {
  for (let round = 0; round < 10; round++) {
    await worker.drain();
    const { count } = await fastForwardOutcomeReads();
    if (count === 0) return;
  }
  throw new Error("drainToOutcome: deliveries are still sent after 10 rounds of reads");
}

/** Tests of one file share a database: park what earlier tests left running, so drains see only this test's work. */
export function parkActiveDeliveries() {
  return prisma.delivery.updateMany({
    where: { status: { in: ["pending", "retrying", "sent"] } },
    data: { status: "skipped", dueAt: null },
  });
}

/** Everything of one integration still in the runner's hands (to send or to follow) falls due now. */
export function makeIntegrationDue(integrationId: string) {
  return prisma.delivery.updateMany({
    where: { integrationId, status: { in: ["pending", "retrying", "sent"] } },
    data: { dueAt: new Date() },
  });
}

/** Time passes for one integration until nothing more can happen: sends, waits, retries and outcome reads. */
export async function settleIntegration(
  worker: { drain(): Promise<number> },
  integrationId: string,
  rounds = 6,
): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    if ((await makeIntegrationDue(integrationId)).count === 0) return;
    await worker.drain();
  }
}
