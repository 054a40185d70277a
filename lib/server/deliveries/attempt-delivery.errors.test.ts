// Internal error text never reaches the brand through an attempt's error (issue 16, item 10): a failure
// while preparing the request (Stripe reads, the portal's own queries) is stored as a classified reason
// with a reference, and the raw text goes to the server log under the same reference.
import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { attemptDelivery } from "@/lib/server/deliveries/attempt-delivery";
import { claimDueDeliveries } from "@/lib/server/deliveries/claim-due-deliveries";
import { storeStripeEvent } from "@/lib/server/webhooks/store-stripe-event";
import { createTestIntegration } from "@/testing/db/factories";
import { parkActiveDeliveries } from "@/testing/db/fast-forward";
import { buildCharge } from "@/testing/stripe/builders/charge";
import { buildEvent } from "@/testing/stripe/builders/event";
import { spyOnErrorLog } from "@/testing/vitest/error-log-spy";

const failure = vi.hoisted(() => ({ error: null as unknown }));

vi.mock("@/lib/server/deliveries/prepare-impact-request", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/server/deliveries/prepare-impact-request")>();
  return {
    ...original,
    prepareImpactRequest: async () => {
      throw failure.error;
    },
  };
});

beforeEach(parkActiveDeliveries);
afterEach(() => vi.restoreAllMocks());

const PRISMA_TEXT =
  "Invalid `prisma.delivery.findFirst()` invocation:\n\nCan't reach database server at `10.0.0.5:5432`";

async function attemptFailingWith(error: unknown) {
  failure.error = error;
  const { integration } = await createTestIntegration();
  await storeStripeEvent(integration, buildEvent("charge.refunded", buildCharge({ amountRefunded: 500 })), "webhook");
  await prisma.delivery.updateMany({ where: { integrationId: integration.id }, data: { dueAt: new Date() } });
  const [claimed] = await claimDueDeliveries(1);
  await attemptDelivery(claimed!.id, claimed!.leaseToken, "local");
  const delivery = await prisma.delivery.findUniqueOrThrow({
    where: { id: claimed!.id },
    include: { attempts: true },
  });
  return { lastError: delivery.lastError ?? "", attemptError: delivery.attempts[0]?.error ?? "" };
}

describe("attemptDelivery error text", () => {
  it("stores a Prisma error as a classified reason with a reference and logs the raw text", async () => {
    const log = spyOnErrorLog();
    const error = Object.assign(new Error(PRISMA_TEXT), { name: "PrismaClientKnownRequestError", code: "P1001" });
    const { lastError, attemptError } = await attemptFailingWith(error);

    expect(attemptError).toMatch(
      /^reading from Stripe failed: the portal's database did not answer — reference [0-9a-f]{10}$/,
    );
    expect(lastError).toBe(attemptError);
    expect(attemptError).not.toMatch(/10\.0\.0\.5|prisma/i);
    expect(log.errorLoggedUnder(attemptError.split("reference ")[1]!)).toBe(error);
  });

  it("stores a connection error to an internal address as a network error", async () => {
    const log = spyOnErrorLog();
    const error = new Stripe.errors.StripeConnectionError({
      message: "An error occurred with our connection to Stripe. (connect ECONNREFUSED 10.0.0.5:443)",
    } as never);
    const { attemptError } = await attemptFailingWith(error);

    expect(attemptError).toMatch(
      /^reading from Stripe failed: Stripe could not be reached \(network error\) — reference [0-9a-f]{10}$/,
    );
    expect(attemptError).not.toContain("10.0.0.5");
    expect(log.errorLoggedUnder(attemptError.split("reference ")[1]!)).toBe(error);
  });
});
