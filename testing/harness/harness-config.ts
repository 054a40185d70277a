import { testDatabaseServerUrl, worldPortalEnv } from "@/testing/worlds/world-env.mjs";

// Fixed, test-only settings shared by `npm run bench` and `npm run drill`: ports that stay clear of
// dev (3000, 12111/12112) and e2e (3210, 12311/12312), and secrets that exist only in local databases.
export const HARNESS = {
  portalPort: 3410,
  baselinePort: 3411,
  stripePort: 12411,
  impactPort: 12412,
  /** The shared PostgreSQL server; the bench creates and drops only `portal_bench_*` databases there. */
  databaseServerUrl: testDatabaseServerUrl(),
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
  impactPollDelay?: string;
  maxAttempts?: number;
  /** `off`: the web process runs no worker; `npm run worker` processes (worker-process.ts) do the work. */
  localWorker?: "on" | "off";
}) {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    ...worldPortalEnv({
      databaseUrl: overrides.databaseUrl,
      portalPort: overrides.port,
      stripePort: HARNESS.stripePort,
      impactPort: HARNESS.impactPort,
      authSecret: HARNESS.authSecret,
      encryptionKey: HARNESS.encryptionKey,
      retryBaseDelay: overrides.retryBaseDelay,
      impactPollDelay: overrides.impactPollDelay,
      maxAttempts: overrides.maxAttempts ?? 15,
    }),
    // The bench and the drills send thousands of synthetic conversions an hour to one fake impact account,
    // and every one of them is followed by outcome reads: the default 900/h would park most reads until the
    // next hour and measure the budget instead of the portal. The budget itself is tested in Vitest
    // (lib/server/deliveries); e2e keeps the default.
    IMPACT_HOURLY_BUDGET: "1000000",
    ...(overrides.localWorker ? { LOCAL_WORKER: overrides.localWorker } : {}),
  };
}

/**
 * `BENCH_CPU_PROFILE_DIR=/tmp/profiles npm run bench …`: every portal and worker process the bench starts
 * writes a V8 CPU profile there when it exits (docs/performance.md's profiles: summarize-cpu-profile.ts, or
 * Chrome DevTools). Node flags, because Node refuses --cpu-prof in NODE_OPTIONS.
 */
export function cpuProfileFlags(): string[] {
  const directory = process.env.BENCH_CPU_PROFILE_DIR;
  return directory ? ["--cpu-prof", `--cpu-prof-dir=${directory}`] : [];
}
