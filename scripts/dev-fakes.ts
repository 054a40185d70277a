/**
 * Runs the fake Stripe and fake impact.com side by side for local demos and manual testing:
 *   tsx scripts/dev-fakes.ts [--stripe-port 12111] [--impact-port 12112] [--advocate-port 12113]
 *     [--complete-after-ms 8000] [--demo-stream]
 * Point the portal at them with STRIPE_API_BASE_URL / IMPACT_API_BASE_URL (printed below).
 *
 * So that a newcomer sees every outcome of a delivery: with --demo-stream (`npm run demo` passes it), an
 * integration created with the demo API key receives the demo shop's events for four minutes
 * (testing/fakes/stripe/demo-scenario.ts: every status within the first minute, impact.com rejecting one
 * conversion and failing another twice); impact.com takes a few seconds per submission (Queued → In
 * Progress → Complete, so "Sent — awaiting impact.com" shows before the outcome), completes every
 * conversion sent with Event Type ID 9999 with a Validation error ("Rejected by impact.com"), and the
 * demo Stripe account holds paid invoices — a plain subscription, a trial that converts and is then
 * upgraded, a payment charged back and lost — for "Recover missed events" to bring in. Without the flag
 * (the browser tests) nothing is sent unasked: a spec turns the stream on through /_fake/demo-stream.
 */

import { startDemoAdvocate } from "@/scripts/dev-fakes-advocate";
import { DEMO } from "@/testing/fakes/demo-accounts";
import { applyDemoImpactPlan } from "@/testing/fakes/demo-impact-plan";
import type { FakeImpact } from "@/testing/fakes/fake-impact";
import { startFakeImpact } from "@/testing/fakes/fake-impact";
import type { FakeStripe } from "@/testing/fakes/fake-stripe";
import { startFakeStripe } from "@/testing/fakes/fake-stripe";
import { buildCharge } from "@/testing/stripe/builders/charge";
import { buildCustomer, buildSubscription } from "@/testing/stripe/builders/customer";
import { buildDispute } from "@/testing/stripe/builders/dispute";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildInvoicePayment, buildPaidInvoice } from "@/testing/stripe/builders/invoice";

type SeededPayment = { objects: Parameters<FakeStripe["seed"]>[1][]; events: ReturnType<typeof buildEvent>[] };

/** An invoice of `subscription` paid `hoursAgo` hours ago, with its invoice.paid event. */
function paidInvoiceOf(
  subscription: string,
  customer: string,
  billingReason: "subscription_create" | "subscription_cycle" | "subscription_update",
  amountPaid: number,
  hoursAgo: number,
) {
  const paidAt = Math.floor(Date.now() / 1000) - Math.round(hoursAgo * 3600);
  const invoice = buildPaidInvoice({ billingReason, customer, subscription, amountPaid, created: paidAt - 30, paidAt });
  return { invoice, event: buildEvent("invoice.paid", invoice, { created: paidAt }) };
}

/**
 * One subscription that converts after a free trial (a $0 invoice, then the first paid one, sent as the
 * first conversion although Stripe calls it a renewal), then is upgraded mid-cycle (a prorated invoice,
 * recurring); another whose first payment is charged back and the dispute lost (the action goes to 0).
 * All inside the recovery form's default window, so "Recover missed events" brings them in.
 */
function seedMoneyRules(): SeededPayment {
  const trialCustomer = buildCustomer({ name: "Trial Customer", metadata: { irclickid: "demo-click-trial" } });
  const trial = buildSubscription({ customer: trialCustomer.id, unitAmount: 2900 });
  const steps = [
    paidInvoiceOf(trial.id, trialCustomer.id, "subscription_create", 0, 5),
    paidInvoiceOf(trial.id, trialCustomer.id, "subscription_cycle", 2900, 4),
    paidInvoiceOf(trial.id, trialCustomer.id, "subscription_update", 1450, 3),
  ];
  const disputedCustomer = buildCustomer({ name: "Chargeback Customer", metadata: { irclickid: "demo-click-cb" } });
  const disputedSubscription = buildSubscription({ customer: disputedCustomer.id, unitAmount: 9900 });
  const disputed = paidInvoiceOf(disputedSubscription.id, disputedCustomer.id, "subscription_create", 9900, 2.5);
  const paymentIntent = `pi_${disputed.invoice.id.slice(3)}`;
  const charge = buildCharge({ amount: 9900, amountRefunded: 0, paymentIntent, customer: disputedCustomer.id });
  const dispute = buildDispute({ charge, status: "lost", amount: 9900 });
  const disputeClosedAt = Math.floor(Date.now() / 1000) - 1800;
  return {
    objects: [
      trialCustomer,
      trial,
      ...steps.map((step) => step.invoice),
      disputedCustomer,
      disputedSubscription,
      disputed.invoice,
      charge,
      dispute,
      buildInvoicePayment({ invoice: disputed.invoice, paymentIntent }),
    ],
    events: [
      ...steps.map((step) => step.event),
      disputed.event,
      buildEvent("charge.dispute.closed", dispute, { created: disputeClosedAt }),
    ],
  };
}

/**
 * A customer with a click id, its monthly subscription and the subscription's first two paid invoices, with
 * their invoice.paid events of two hours and one hour ago (inside the recovery form's default window): the
 * first is sent with the form's Event Type ID, the renewal with the Recurring Event Tracker ID. Plus the
 * trial, upgrade and lost chargeback of seedMoneyRules.
 */
function seedDemoPayments(stripe: FakeStripe): void {
  const customer = buildCustomer({ name: "Demo Customer", metadata: { irclickid: "demo-click-0001" } });
  const subscription = buildSubscription({ customer: customer.id, unitAmount: 4900 });
  const regular = [
    paidInvoiceOf(subscription.id, customer.id, "subscription_create", 4900, 2),
    paidInvoiceOf(subscription.id, customer.id, "subscription_cycle", 4900, 1),
  ];
  const rules = seedMoneyRules();
  stripe.seed(DEMO.stripeAccount, customer, subscription, ...regular.map((step) => step.invoice), ...rules.objects);
  stripe.seedEvents(DEMO.stripeAccount, ...regular.map((step) => step.event), ...rules.events);
}

function readInteger(args: string[], flag: string, fallback: number, max: number, what: string): number {
  const index = args.findIndex((arg) => arg === flag || arg.startsWith(`${flag}=`));
  if (index === -1) return fallback;
  const arg = args[index] as string;
  const raw = arg.includes("=") ? arg.slice(flag.length + 1) : args[index + 1];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`${flag} needs ${what} 0..${max}, got ${raw ?? "nothing"}`);
  }
  return value;
}

const readPort = (args: string[], flag: string, fallback: number) =>
  readInteger(args, flag, fallback, 65535, "a port number");

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const stripePort = readPort(args, "--stripe-port", 12111);
  const impactPort = readPort(args, "--impact-port", 12112);
  // The browser tests want outcomes within a second; the demo wants them slow enough to watch.
  const completeAfterMs = readInteger(
    args,
    "--complete-after-ms",
    DEMO.submissionTiming.completeAfterMs,
    600_000,
    "milliseconds",
  );
  const submissionTiming = {
    inProgressAfterMs: Math.min(DEMO.submissionTiming.inProgressAfterMs, Math.floor(completeAfterMs / 2)),
    completeAfterMs,
  };
  const isDemoStreamOn = args.includes("--demo-stream");

  // The demo stream tells impact.com which of its orders to reject or fail; streams start only after
  // start-up (when an integration registers its endpoint), by which time impact.com runs.
  let impact: FakeImpact | undefined;
  const stripe = await startFakeStripe({
    port: stripePort,
    demoStream: isDemoStreamOn ? { accountId: DEMO.stripeAccount } : undefined,
    onDemoImpactPlan: (plan) => {
      if (!impact) throw new Error("the fake impact.com is not running");
      applyDemoImpactPlan(impact, plan);
    },
    onDemoLog: (message) => console.log(message),
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
  impact = await startFakeImpact({
    port: impactPort,
    submissionTiming,
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
  // Demo tenants of further fakes (the Advocate tenant) start here, one line each, and join `others`,
  // which Ctrl-C closes with the two above.
  const others: Array<{ close(): Promise<void> }> = [];
  others.push(await startDemoAdvocate(stripe, DEMO.stripeAccount, readPort(args, "--advocate-port", 12113)));

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
      `  impact.com completes a submission ${submissionTiming.completeAfterMs / 1000} s after queueing it; conversions with`,
      `    Event Type ID ${DEMO.rejectedEventTypeId} complete with ${DEMO.rejection.errorType} / ${DEMO.rejection.errorReason} (rejected)`,
      `  Stripe holds the last 5 hours of a subscription, a trial that converts and is upgraded, and a lost chargeback:`,
      `    "Recover missed events" on an integration's page brings them in`,
      isDemoStreamOn
        ? `  Demo stream on: an integration created with ${DEMO.stripeKey} receives the demo shop's events for 4 minutes`
        : "  Demo stream off (--demo-stream turns it on)",
    ].join("\n"),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping fakes…`);
    Promise.all([stripe.close(), impact?.close(), ...others.map((other) => other.close())]).then(
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
