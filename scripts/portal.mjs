// `npm run dev` / `npm start` / `npm run demo`: the one command that runs the portal.
// Without DATABASE_URL it starts the embedded database first; either way it applies
// the committed migrations, then runs Next, and stops everything on Ctrl-C.
// `demo` also starts the local fakes of Stripe and impact.com and points the portal at them (their demo
// accounts, payments and outcomes, and the demo stream that starts when an integration is created, are
// set up in scripts/dev-fakes.ts).
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { startEmbeddedDatabase } from "./embedded-database.mjs";

const mode = process.argv[2] ?? "dev";
const bin = (name) => path.resolve("node_modules/.bin", name);
const children = [];

async function waitFor(url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000} s`);
}

async function startDemoFakes() {
  const fakes = spawn(
    bin("tsx"),
    [
      "scripts/dev-fakes.ts",
      "--stripe-port",
      "12111",
      "--impact-port",
      "12112",
      "--advocate-port",
      "12113",
      "--demo-stream",
    ],
    { stdio: "inherit" },
  );
  children.push(fakes);
  await waitFor("http://127.0.0.1:12112/_fake/health");
  return {
    STRIPE_API_BASE_URL: "http://127.0.0.1:12111",
    IMPACT_API_BASE_URL: "http://127.0.0.1:12112",
    ADVOCATE_API_BASE_URL: "http://127.0.0.1:12113",
    // The demo stream's refunds and chargeback complete within a minute (not after 1 h), its flaky
    // conversion lands within half a minute; a value from the shell still wins.
    REFUND_DELAY: process.env.REFUND_DELAY ?? "20s",
    RETRY_BASE_DELAY: process.env.RETRY_BASE_DELAY ?? "5s",
  };
}

/**
 * `next dev` compiles a route at its first request, which on a small machine takes longer than Stripe waits
 * for an answer: the demo stream's first events would time out and arrive only with Stripe's retries. One
 * request as soon as the portal answers compiles the webhook route before any integration exists.
 */
async function warmWebhookRoute(publicUrl) {
  await waitFor(`${publicUrl}/login`, 180_000);
  await fetch(`${publicUrl}/api/webhooks/stripe/warm-up`, { method: "POST", body: "{}" });
}

let database;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await database?.stop();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(0));

try {
  if (!process.env.DATABASE_URL) database = await startEmbeddedDatabase();
  const demoEnv = mode === "demo" ? await startDemoFakes() : {};
  const env = { ...process.env, ...demoEnv, ...(database ? { DATABASE_URL: database.url } : {}) };

  const migrated = spawnSync(bin("prisma"), ["migrate", "deploy"], { env, stdio: "inherit" });
  if (migrated.status !== 0) throw new Error("Database migrations failed; the portal was not started.");

  const next = spawn(bin("next"), [mode === "start" ? "start" : "dev", ...process.argv.slice(3)], {
    env,
    stdio: "inherit",
  });
  children.push(next);
  if (mode === "demo") void warmWebhookRoute(env.PUBLIC_URL ?? "http://localhost:3000").catch(() => undefined);
  next.on("exit", (code) => stop(code ?? 0));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
}
