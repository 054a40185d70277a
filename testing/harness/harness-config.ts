// Fixed, test-only settings shared by `npm run bench` and `npm run drill`: ports that stay clear of
// dev (3000, 12111/12112) and e2e (3210, 12311/12312), and secrets that exist only in local databases.
export const HARNESS = {
  portalPort: 3410,
  baselinePort: 3411,
  stripePort: 12411,
  impactPort: 12412,
  /** The shared PostgreSQL server; the bench creates and drops only `portal_bench_*` databases there. */
  databaseServerUrl: process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  databasePrefix: "portal_bench_",
  authSecret: "bench-auth-secret-bench-auth-secret-bench-auth",
  encryptionKey: Buffer.alloc(32, 11).toString("base64"),
  impactToken: "bench-delivery-token",
} as const;

/** The portal's environment (SPEC §2) for a harness run; nothing is inherited from the caller's shell but PATH/HOME. */
export function portalEnv(overrides: {
  databaseUrl: string;
  port: number;
  retryBaseDelay?: string;
  maxAttempts?: number;
}) {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: overrides.databaseUrl,
    PUBLIC_URL: `http://127.0.0.1:${overrides.port}`,
    AUTH_SECRET: HARNESS.authSecret,
    ENCRYPTION_KEY: HARNESS.encryptionKey,
    IMPACT_API_BASE_URL: `http://127.0.0.1:${HARNESS.impactPort}`,
    STRIPE_API_BASE_URL: `http://127.0.0.1:${HARNESS.stripePort}`,
    JOBS_DRIVER: "local",
    REFUND_DELAY: "2s",
    RETRY_BASE_DELAY: overrides.retryBaseDelay ?? "10s",
    DELIVERY_MAX_ATTEMPTS: String(overrides.maxAttempts ?? 15),
  };
}
