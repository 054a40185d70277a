// One place for the addresses and secrets the browser tests run with.
const databaseServerUrl = process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const databaseName = "portal_e2e";
const stripePort = 12311;
const impactPort = 12312;
const portalPort = 3210;

const databaseUrl = new URL(databaseServerUrl);
databaseUrl.pathname = `/${databaseName}`;

export const E2E = {
  databaseServerUrl,
  databaseName,
  stripePort,
  impactPort,
  portalPort,
  portalUrl: `http://127.0.0.1:${portalPort}`,
  stripeUrl: `http://127.0.0.1:${stripePort}`,
  impactUrl: `http://127.0.0.1:${impactPort}`,
  // Fixed test-only secrets: the specs need AUTH_SECRET to forge an expired session.
  authSecret: "e2e-auth-secret-e2e-auth-secret-e2e-auth-secret",
  portalEnv: {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl.toString(),
    PUBLIC_URL: `http://127.0.0.1:${portalPort}`,
    AUTH_SECRET: "e2e-auth-secret-e2e-auth-secret-e2e-auth-secret",
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    IMPACT_API_BASE_URL: `http://127.0.0.1:${impactPort}`,
    STRIPE_API_BASE_URL: `http://127.0.0.1:${stripePort}`,
    JOBS_DRIVER: "local",
    REFUND_DELAY: "2s",
    RETRY_BASE_DELAY: "1s",
  },
};
