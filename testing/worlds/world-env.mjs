// The one definition of a test world's portal environment (SPEC §2), shared by the browser tests
// (e2e/e2e-config.mjs, read by plain-node scripts too, hence .mjs), the bench and the drills.

/** The local PostgreSQL every test world creates its databases on, unless TEST_DATABASE_SERVER_URL says otherwise. */
export function testDatabaseServerUrl() {
  return process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

/** `serverUrl` with its database name replaced: where one world's own database lives. */
export function databaseUrlOn(serverUrl, databaseName) {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

/**
 * A production-mode portal against the fake Stripe and impact.com of the world, with the local runner and
 * short delays so a refund, a retry or the confirmation of a queued submission (the first outcome read
 * after IMPACT_POLL_DELAY, 1 s unless the world says otherwise) happens within a test. Fixed test-only
 * secrets: nothing is read from the caller's shell.
 */
export function worldPortalEnv(world) {
  return {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: world.databaseUrl,
    PUBLIC_URL: `http://127.0.0.1:${world.portalPort}`,
    AUTH_SECRET: world.authSecret,
    ENCRYPTION_KEY: world.encryptionKey,
    IMPACT_API_BASE_URL: `http://127.0.0.1:${world.impactPort}`,
    STRIPE_API_BASE_URL: `http://127.0.0.1:${world.stripePort}`,
    // Only worlds that start a fake Advocate (SPEC §11) set its port; the others keep the default.
    ...(world.advocatePort ? { ADVOCATE_API_BASE_URL: `http://127.0.0.1:${world.advocatePort}` } : {}),
    JOBS_DRIVER: "local",
    REFUND_DELAY: "2s",
    RETRY_BASE_DELAY: world.retryBaseDelay ?? "10s",
    IMPACT_POLL_DELAY: world.impactPollDelay ?? "1s",
    ...(world.maxAttempts ? { DELIVERY_MAX_ATTEMPTS: String(world.maxAttempts) } : {}),
  };
}
