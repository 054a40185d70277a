// The only reader of process.env (SPEC §2): every variable validated once, with
// defaults, and development secrets generated into the data folder.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import ms from "ms";
import { z } from "zod";

export const DATA_DIR = path.resolve(process.cwd(), ".data");
const DEV_SECRETS_FILE = path.join(DATA_DIR, "secrets.json");
const EMBEDDED_DB_FILE = path.join(DATA_DIR, "embedded-db.json");

const duration = (name: string) =>
  z.string().refine((value) => typeof ms(value as ms.StringValue) === "number" && ms(value as ms.StringValue) > 0, {
    message: `${name} must be a duration such as 30s, 10m or 1h`,
  });

const base64Key = (name: string) =>
  z.string().refine((value) => Buffer.from(value, "base64").length === 32, {
    message: `${name} must be 32 bytes encoded in base64 (openssl rand -base64 32)`,
  });

const OptionalTextSchema = z.string().trim().min(1).optional();

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: "DATABASE_URL must be a postgresql:// URL" }).optional(),
  PUBLIC_URL: z.url({ message: "PUBLIC_URL must be an absolute URL" }).default("http://localhost:3000"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  ENCRYPTION_KEY: base64Key("ENCRYPTION_KEY").optional(),
  ENCRYPTION_KEY_PREVIOUS: base64Key("ENCRYPTION_KEY_PREVIOUS").optional(),
  IMPACT_API_BASE_URL: z.url().default("https://api.impact.com"),
  STRIPE_API_BASE_URL: z.url().default("https://api.stripe.com"),
  /** impact.com Advocate (SaaSquatch): its REST API and the JWKS its webhook signatures are checked against. */
  ADVOCATE_API_BASE_URL: z
    .url({ message: "ADVOCATE_API_BASE_URL must be an absolute URL such as https://app.referralsaasquatch.com" })
    .default("https://app.referralsaasquatch.com"),
  JOBS_DRIVER: z.enum(["local", "inngest"]).optional(),
  /**
   * Whether the web process runs the local runner's background work itself (deliveries, reward credits, alert
   * messages, sweeps). `off`: it only stores and wakes; `npm run worker` processes do the work (issue #13).
   */
  LOCAL_WORKER: z
    .enum(["on", "off"], {
      message:
        "LOCAL_WORKER must be on (the web process runs the deliveries itself) or off (they run in `npm run worker`)",
    })
    .default("on"),
  INNGEST_EVENT_KEY: OptionalTextSchema,
  INNGEST_SIGNING_KEY: OptionalTextSchema,
  INNGEST_DEV: OptionalTextSchema,
  INNGEST_BASE_URL: z.url().optional(),
  REFUND_DELAY: duration("REFUND_DELAY").default("1h"),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(20),
  RETRY_BASE_DELAY: duration("RETRY_BASE_DELAY").default("10s"),
  IMPACT_POLL_DELAY: duration("IMPACT_POLL_DELAY").default("10s"),
  /** Bearer token `/api/metrics` requires when set (SPEC §12); unset, metrics are open. */
  METRICS_TOKEN: OptionalTextSchema,
  /** Alert emails (SPEC §12); `?from=` sets the sender (default alerts@ PUBLIC_URL's host). Unset: no email. */
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      message: "SMTP_URL must be an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.com:465",
    })
    .optional(),
  /** Reverse proxies in front of the portal that append to X-Forwarded-For; 0 = trust the socket address. */
  TRUSTED_PROXIES: z.coerce
    .number({ message: "TRUSTED_PROXIES must be a whole number of proxies, e.g. 0 or 1." })
    .int("TRUSTED_PROXIES must be a whole number of proxies, e.g. 0 or 1.")
    .min(0, "TRUSTED_PROXIES cannot be negative.")
    .max(10, "TRUSTED_PROXIES above 10 is not a plausible proxy chain.")
    .default(0),
  IMPACT_HOURLY_BUDGET: z.coerce
    .number({ message: "IMPACT_HOURLY_BUDGET must be a whole number of requests per hour, e.g. 900." })
    .int("IMPACT_HOURLY_BUDGET must be a whole number of requests per hour, e.g. 900.")
    .min(1, "IMPACT_HOURLY_BUDGET must be at least 1 (impact.com's default limit is 1,000 an hour).")
    .default(900),
});

export type Env = z.infer<typeof EnvSchema> & {
  DATABASE_URL: string;
  AUTH_SECRET: string;
  ENCRYPTION_KEY: string;
  JOBS_DRIVER: "local" | "inngest";
  REFUND_DELAY_MS: number;
  RETRY_BASE_DELAY_MS: number;
  IMPACT_POLL_DELAY_MS: number;
};

type DevSecrets = { AUTH_SECRET: string; ENCRYPTION_KEY: string };

/**
 * Secrets for development and tests, generated on first use and kept so sessions and ciphertexts survive
 * restarts. The file is shared with scripts/embedded-database-secret.mjs (EMBEDDED_DB_PASSWORD), so keys
 * this function does not own are kept, and it is written owner-only through a rename so the mode holds.
 */
function readOrCreateDevSecrets(): DevSecrets {
  const stored: Record<string, unknown> = existsSync(DEV_SECRETS_FILE)
    ? (JSON.parse(readFileSync(DEV_SECRETS_FILE, "utf8")) as Record<string, unknown>)
    : {};
  if (typeof stored.AUTH_SECRET === "string" && typeof stored.ENCRYPTION_KEY === "string") {
    return { AUTH_SECRET: stored.AUTH_SECRET, ENCRYPTION_KEY: stored.ENCRYPTION_KEY };
  }
  const secrets: DevSecrets = {
    AUTH_SECRET: typeof stored.AUTH_SECRET === "string" ? stored.AUTH_SECRET : randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY:
      typeof stored.ENCRYPTION_KEY === "string" ? stored.ENCRYPTION_KEY : randomBytes(32).toString("base64"),
  };
  mkdirSync(DATA_DIR, { recursive: true });
  const temporary = `${DEV_SECRETS_FILE}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temporary, JSON.stringify({ ...stored, ...secrets }, null, 2), { mode: 0o600 });
  renameSync(temporary, DEV_SECRETS_FILE);
  return secrets;
}

/** The embedded database's address, written by scripts/portal.mjs when it starts it. */
function embeddedDatabaseUrl(): string | undefined {
  if (!existsSync(EMBEDDED_DB_FILE)) return undefined;
  return (JSON.parse(readFileSync(EMBEDDED_DB_FILE, "utf8")) as { url: string }).url;
}

export class EnvError extends Error {}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Session and CSRF cookies are marked Secure only when PUBLIC_URL is https, so production insists on it;
 * a loopback host is the exception, where a production build runs for the browser tests and local trials.
 */
function assertSecurePublicUrl(publicUrl: string): void {
  const url = new URL(publicUrl);
  if (url.protocol === "https:" || LOOPBACK_HOSTS.has(url.hostname)) return;
  throw new EnvError(
    `Refusing to start in production with PUBLIC_URL=${url.origin}: it must be an https:// address ` +
      "(cookies lose their Secure flag otherwise). Only localhost, 127.0.0.1 and [::1] may use http.",
  );
}

/**
 * Whether the Inngest client talks to a local dev server (INNGEST_DEV set, not "0"/"false"). Read when the
 * client module loads, so it must not need the rest of the configuration; never true in production, where
 * parseEnv refuses INNGEST_DEV outright.
 */
export function isInngestDev(source: Record<string, string | undefined> = process.env): boolean {
  const value = source.INNGEST_DEV?.trim().toLowerCase();
  if (source.NODE_ENV === "production" || !value) return false;
  return value !== "0" && value !== "false";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings (e.g. `FOO=` in a shell) mean "unset", as in most twelve-factor apps.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === "production";
  if (isProduction && (!env.AUTH_SECRET || !env.ENCRYPTION_KEY)) {
    const missing = ["AUTH_SECRET", "ENCRYPTION_KEY"].filter((name) => !env[name as "AUTH_SECRET"]);
    throw new EnvError(
      `Refusing to start in production without ${missing.join(" and ")}. ` +
        "Set AUTH_SECRET (openssl rand -base64 32) and ENCRYPTION_KEY (openssl rand -base64 32).",
    );
  }
  if (isProduction && env.INNGEST_DEV) {
    throw new EnvError(
      "Refusing to start in production with INNGEST_DEV set: the Inngest dev mode skips request signature " +
        "verification. Unset INNGEST_DEV and set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY.",
    );
  }
  if (isProduction) assertSecurePublicUrl(env.PUBLIC_URL);
  const devSecrets = env.AUTH_SECRET && env.ENCRYPTION_KEY ? undefined : readOrCreateDevSecrets();
  const databaseUrl = env.DATABASE_URL ?? embeddedDatabaseUrl();
  if (!databaseUrl) {
    throw new EnvError(
      "DATABASE_URL is unset and no embedded database is running. Start the portal with `npm run dev` " +
        "(it starts the embedded database in .data/) or set DATABASE_URL to a PostgreSQL server.",
    );
  }
  const hasInngest = Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_DEV);
  return {
    ...env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: env.AUTH_SECRET ?? devSecrets!.AUTH_SECRET,
    ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? devSecrets!.ENCRYPTION_KEY,
    JOBS_DRIVER: env.JOBS_DRIVER ?? (hasInngest ? "inngest" : "local"),
    REFUND_DELAY_MS: ms(env.REFUND_DELAY as ms.StringValue),
    RETRY_BASE_DELAY_MS: ms(env.RETRY_BASE_DELAY as ms.StringValue),
    IMPACT_POLL_DELAY_MS: ms(env.IMPACT_POLL_DELAY as ms.StringValue),
  };
}

let cached: Env | undefined;

/** The validated configuration; parsed on first use so `next build` does not need runtime secrets. */
export function getEnv(): Env {
  if (!cached) {
    cached = parseEnv(process.env);
    // next-auth v4 reads its own NEXTAUTH_URL; derive it so PUBLIC_URL stays the one setting.
    process.env.NEXTAUTH_URL = cached.PUBLIC_URL;
  }
  return cached;
}
