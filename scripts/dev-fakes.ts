/**
 * Runs the fake Stripe and fake impact.com side by side for local demos and manual testing:
 *   tsx scripts/dev-fakes.ts [--stripe-port 12111] [--impact-port 12112]
 * Point the portal at them with STRIPE_API_BASE_URL / IMPACT_API_BASE_URL (printed below).
 */
import { startFakeImpact } from "@/testing/fakes/fake-impact";
import { startFakeStripe } from "@/testing/fakes/fake-stripe";

const DEMO = {
  stripeAccount: "acct_1DemoPortal0000000000",
  stripeKey: "sk_test_demo_portal_0000000000000000",
  restrictedKeyNoWebhookWrite: "rk_test_demo_no_webhook_write_0000",
  impactSid: "IRdemoBrand0000000000000000000001",
  impactSignInToken: "demo-sign-in-token",
  impactDeliveryToken: "demo-delivery-token",
  impactForbiddenSid: "IRdemoForbidden00000000000000000002",
};

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
  const impact = await startFakeImpact({
    port: impactPort,
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
