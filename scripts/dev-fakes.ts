/**
 * Runs the fake Stripe and fake impact.com side by side for local demos and manual testing:
 *   tsx scripts/dev-fakes.ts [--stripe-port 12111] [--impact-port 12112]
 * Point the portal at them with STRIPE_API_BASE_URL / IMPACT_API_BASE_URL (printed below).
 *
 * So that a newcomer sees every outcome of a delivery: impact.com takes a few seconds per submission
 * (Queued → In Progress → Complete, so "Sent — awaiting impact.com" shows before the outcome), completes
 * every conversion sent with Event Type ID 9999 with a Validation error ("Rejected by impact.com"), and
 * the demo Stripe account holds two paid invoices for "Recover missed events" to bring in.
 */

import { startFakeImpact } from "@/testing/fakes/fake-impact";
import type { FakeStripe } from "@/testing/fakes/fake-stripe";
import { startFakeStripe } from "@/testing/fakes/fake-stripe";
import { buildCustomer, buildSubscription } from "@/testing/stripe/builders/customer";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

const DEMO = {
  stripeAccount: "acct_1DemoPortal0000000000",
  stripeKey: "sk_test_demo_portal_0000000000000000",
  restrictedKeyNoWebhookWrite: "rk_test_demo_no_webhook_write_0000",
  impactSid: "IRdemoBrand0000000000000000000001",
  impactSignInToken: "demo-sign-in-token",
  impactDeliveryToken: "demo-delivery-token",
  impactForbiddenSid: "IRdemoForbidden00000000000000000002",
  /** An Event Type ID the demo impact.com does not know: its conversions are queued, then rejected. */
  rejectedEventTypeId: "9999",
  rejection: { errorType: "Validation", errorReason: "ACTIONTRACKER_NOT_FOUND" },
  /** Slow enough to watch (the portal reads first after IMPACT_POLL_DELAY, 10 s by default). */
  submissionTiming: { inProgressAfterMs: 3_000, completeAfterMs: 8_000 },
};

/**
 * A customer with a click id, its monthly subscription and the subscription's first two paid invoices, with
 * their invoice.paid events of two hours and one hour ago (inside the recovery form's default window): the
 * first is sent with the form's Event Type ID, the renewal with the Recurring Event Tracker ID.
 */
function seedDemoPayments(stripe: FakeStripe): void {
  const customer = buildCustomer({ name: "Demo Customer", metadata: { irclickid: "demo-click-0001" } });
  const subscription = buildSubscription({ customer: customer.id, unitAmount: 4900 });
  const now = Math.floor(Date.now() / 1000);
  const invoices = (["subscription_create", "subscription_cycle"] as const).map((billingReason, n) => {
    const paidAt = now - 7200 + n * 3600;
    return buildPaidInvoice({
      billingReason,
      customer: customer.id,
      subscription: subscription.id,
      amountPaid: 4900,
      created: paidAt - 30,
      paidAt,
    });
  });
  stripe.seed(DEMO.stripeAccount, customer, subscription, ...invoices);
  stripe.seedEvents(
    DEMO.stripeAccount,
    ...invoices.map((invoice) =>
      buildEvent("invoice.paid", invoice, { created: invoice.status_transitions.paid_at ?? invoice.created }),
    ),
  );
}

function readPort(args: string[], flag: string, fallback: number): number {
  const index = args.findIndex((arg) => arg === flag || arg.startsWith(`${flag}=`));
  if (index === -1) return fallback;
  const arg = args[index] as string;
  const raw = arg.includes("=") ? arg.slice(flag.length + 1) : args[index + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${flag} needs a port number 0..65535, got ${raw ?? "nothing"}`);
  }
  return port;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const stripePort = readPort(args, "--stripe-port", 12111);
  const impactPort = readPort(args, "--impact-port", 12112);

  const stripe = await startFakeStripe({
    port: stripePort,
    accounts: [
      {
        id: DEMO.stripeAccount,
        keys: [
          { key: DEMO.stripeKey },
          { key: DEMO.restrictedKeyNoWebhookWrite, missingPermissions: ["rak_webhook_write"] },
        ],
      },
    ],
  });
  seedDemoPayments(stripe);
  const impact = await startFakeImpact({
    port: impactPort,
    submissionTiming: DEMO.submissionTiming,
    accounts: [
      {
        sid: DEMO.impactSid,
        authTokens: [DEMO.impactSignInToken, DEMO.impactDeliveryToken],
        companyName: "Demo Brand Inc.",
      },
      {
        sid: DEMO.impactForbiddenSid,
        authTokens: [DEMO.impactSignInToken],
        companyName: "Forbidden Brand",
        forbidden: true,
      },
    ],
  });
  impact.rejectSubmissions({ when: { actionTrackerId: DEMO.rejectedEventTypeId }, ...DEMO.rejection });

  console.log(
    [
      "Fakes running (Ctrl-C to stop)",
      "",
      `  fake Stripe      ${stripe.url}   control: ${stripe.url}/_fake/health`,
      `  fake impact.com  ${impact.url}   control: ${impact.url}/_fake/health`,
      "",
      "Environment for the portal:",
      `  STRIPE_API_BASE_URL=${stripe.url}`,
      `  IMPACT_API_BASE_URL=${impact.url}`,
      "",
      "Demo credentials:",
      `  impact.com Account SID ${DEMO.impactSid}`,
      `    Auth Token (sign in)  ${DEMO.impactSignInToken}`,
      `    Auth Token (form)     ${DEMO.impactDeliveryToken}`,
      `  impact.com SID answering 403: ${DEMO.impactForbiddenSid} / ${DEMO.impactSignInToken}`,
      `  Stripe account ${DEMO.stripeAccount}`,
      `    API Key               ${DEMO.stripeKey}`,
      `    restricted, no rak_webhook_write: ${DEMO.restrictedKeyNoWebhookWrite}`,
      "",
      "Demo outcomes:",
      `  impact.com completes a submission ${DEMO.submissionTiming.completeAfterMs / 1000} s after queueing it; conversions with`,
      `    Event Type ID ${DEMO.rejectedEventTypeId} complete with ${DEMO.rejection.errorType} / ${DEMO.rejection.errorReason} (rejected)`,
      `  Stripe holds 2 paid invoices of the last 2 hours: "Recover missed events" on an integration's page sends them`,
    ].join("\n"),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping fakes…`);
    Promise.all([stripe.close(), impact.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
