// Internal error text never reaches the brand through the recovery report (issue 16, item 10): the report
// and the error carry a classified reason and a reference, the raw text goes to the server log.
import Stripe from "stripe";
import { afterEach, describe, expect, it, vi } from "vitest";
import { recoverMissedEvents } from "@/lib/server/recovery/recover-missed-events";
import { createTestIntegration } from "@/testing/db/factories";
import { useFakes } from "@/testing/fakes/use-fakes";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";
import { spyOnErrorLog } from "@/testing/vitest/error-log-spy";

const failures = vi.hoisted(() => ({ store: null as Error | null, list: null as Error | null }));

vi.mock("@/lib/server/webhooks/store-stripe-event", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/server/webhooks/store-stripe-event")>();
  return {
    ...original,
    storeStripeEvent: (...args: Parameters<typeof original.storeStripeEvent>) => {
      if (failures.store) throw failures.store;
      return original.storeStripeEvent(...args);
    },
  };
});

vi.mock("@/lib/stripe/stripe-client", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/stripe/stripe-client")>();
  return {
    ...original,
    createStripeClient: (apiKey: string) => {
      const client = original.createStripeClient(apiKey);
      if (!failures.list) return client;
      const error = failures.list;
      return {
        ...client,
        events: {
          list: () => ({
            // biome-ignore lint/correctness/useYield: an iterator that fails before its first item
            async *[Symbol.asyncIterator]() {
              throw error;
            },
          }),
        },
      };
    },
  };
});

const fakes = useFakes();
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

const PRISMA_TEXT =
  "Invalid `prisma.stripeEvent.create()` invocation:\n\nCan't reach database server at `10.0.0.5:5432`";

afterEach(() => {
  failures.store = null;
  failures.list = null;
  vi.restoreAllMocks();
});

describe("recoverMissedEvents errors", () => {
  it("reports a Prisma error of one event as a classified reason with a reference, logging the raw text", async () => {
    const log = spyOnErrorLog();
    const stripeAccount = fakes.stripe.addAccount({ keys: [{}] });
    const { integration } = await createTestIntegration({ stripeApiKey: stripeAccount.keys[0]!.key });
    const invoice = buildPaidInvoice({ billingReason: "subscription_create" });
    fakes.stripe.seed(stripeAccount.id, invoice);
    fakes.stripe.seedEvents(
      stripeAccount.id,
      buildEvent("invoice.paid", invoice, { created: Math.floor(hoursAgo(1).getTime() / 1000) }),
    );
    failures.store = Object.assign(new Error(PRISMA_TEXT), { name: "PrismaClientKnownRequestError", code: "P1001" });

    const report = await recoverMissedEvents(integration.accountId, integration.id, {
      from: hoursAgo(2),
      to: new Date(),
    });

    expect(report.failed).toHaveLength(1);
    const stored = report.failed[0]!.error;
    expect(stored).toMatch(/^the portal's database did not answer — reference ([0-9a-f]{10})$/);
    expect(stored).not.toMatch(/10\.0\.0\.5|prisma/i);
    const reference = stored.split("reference ")[1]!;
    expect((log.errorLoggedUnder(reference) as Error).message).toBe(PRISMA_TEXT);
  });

  it("answers a connection error to an internal address while listing as a classified UPSTREAM_UNAVAILABLE", async () => {
    const log = spyOnErrorLog();
    const { integration } = await createTestIntegration();
    failures.list = new Stripe.errors.StripeConnectionError({
      message: "An error occurred with our connection to Stripe. (connect ECONNREFUSED 10.0.0.5:443)",
    } as never);

    const failure = await recoverMissedEvents(integration.accountId, integration.id, {
      from: hoursAgo(2),
      to: new Date(),
    }).catch((error: Error & { code?: string }) => error);

    expect(failure).toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
    const message = (failure as Error).message;
    expect(message).toMatch(
      /^Listing events from Stripe failed: Stripe could not be reached \(network error\) — reference [0-9a-f]{10}$/,
    );
    expect(message).not.toContain("10.0.0.5");
    expect((log.errorLoggedUnder(message.split("reference ")[1]!) as Error).message).toContain("10.0.0.5");
  });
});
