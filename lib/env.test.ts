import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvError, isInngestDev, parseEnv } from "@/lib/env";

const KEY = randomBytes(32).toString("base64");
const DB = "postgresql://postgres@127.0.0.1:5432/x";

describe("parseEnv", () => {
  it("applies the documented defaults", () => {
    const env = parseEnv({ DATABASE_URL: DB, AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEY: KEY });
    expect(env).toMatchObject({
      PUBLIC_URL: "http://localhost:3000",
      IMPACT_API_BASE_URL: "https://api.impact.com",
      STRIPE_API_BASE_URL: "https://api.stripe.com",
      ADVOCATE_API_BASE_URL: "https://app.referralsaasquatch.com",
      JOBS_DRIVER: "local",
      REFUND_DELAY_MS: 3_600_000,
      DELIVERY_MAX_ATTEMPTS: 20,
      RETRY_BASE_DELAY_MS: 10_000,
      IMPACT_POLL_DELAY_MS: 10_000,
      IMPACT_HOURLY_BUDGET: 900,
    });
  });

  it("refuses an ADVOCATE_API_BASE_URL that is not a URL, saying what it should look like", () => {
    const base = { DATABASE_URL: DB, AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEY: KEY };
    expect(() => parseEnv({ ...base, ADVOCATE_API_BASE_URL: "app.referralsaasquatch.com" })).toThrow(
      /ADVOCATE_API_BASE_URL: ADVOCATE_API_BASE_URL must be an absolute URL such as https:\/\/app\.referralsaasquatch\.com/,
    );
  });

  it("chooses Inngest when Inngest is configured, unless JOBS_DRIVER says otherwise", () => {
    const base = { DATABASE_URL: DB, AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEY: KEY };
    expect(parseEnv({ ...base, INNGEST_DEV: "1" }).JOBS_DRIVER).toBe("inngest");
    expect(parseEnv({ ...base, INNGEST_EVENT_KEY: "k" }).JOBS_DRIVER).toBe("inngest");
    expect(parseEnv({ ...base, INNGEST_DEV: "1", JOBS_DRIVER: "local" }).JOBS_DRIVER).toBe("local");
  });

  it("runs the background work in the web process unless LOCAL_WORKER=off, and names the two values it takes", () => {
    const base = { DATABASE_URL: DB, AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEY: KEY };
    expect(parseEnv(base).LOCAL_WORKER).toBe("on");
    expect(parseEnv({ ...base, LOCAL_WORKER: "" }).LOCAL_WORKER).toBe("on");
    expect(parseEnv({ ...base, LOCAL_WORKER: "off" }).LOCAL_WORKER).toBe("off");
    for (const value of ["false", "0", "OFF", "no"]) {
      expect(() => parseEnv({ ...base, LOCAL_WORKER: value })).toThrow(
        "LOCAL_WORKER: LOCAL_WORKER must be on (the web process runs the deliveries itself) or off (they run in `npm run worker`)",
      );
    }
  });

  it("refuses to start in production without secrets, naming them", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: DB })).toThrow(
      /Refusing to start in production without AUTH_SECRET and ENCRYPTION_KEY/,
    );
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: DB, AUTH_SECRET: "s".repeat(32) })).toThrow(
      /without ENCRYPTION_KEY\./,
    );
  });

  it("names every invalid variable with its rule", () => {
    let error: unknown;
    try {
      parseEnv({
        DATABASE_URL: "mysql://x",
        ENCRYPTION_KEY: "short",
        REFUND_DELAY: "soon",
        DELIVERY_MAX_ATTEMPTS: "0",
        IMPACT_POLL_DELAY: "often",
        IMPACT_HOURLY_BUDGET: "lots",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toMatch(/DATABASE_URL: DATABASE_URL must be a postgresql:\/\/ URL/);
    expect(message).toMatch(/ENCRYPTION_KEY: ENCRYPTION_KEY must be 32 bytes/);
    expect(message).toMatch(/REFUND_DELAY: REFUND_DELAY must be a duration/);
    expect(message).toMatch(/DELIVERY_MAX_ATTEMPTS/);
    expect(message).toMatch(/IMPACT_POLL_DELAY: IMPACT_POLL_DELAY must be a duration/);
    expect(message).toMatch(/IMPACT_HOURLY_BUDGET: IMPACT_HOURLY_BUDGET must be a whole number/);
  });

  it("generates development secrets once and reuses them", () => {
    const first = parseEnv({ DATABASE_URL: DB, NODE_ENV: "development" });
    const second = parseEnv({ DATABASE_URL: DB, NODE_ENV: "development" });
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(first.ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(second.AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(second.ENCRYPTION_KEY).toBe(first.ENCRYPTION_KEY);
  });

  it("refuses INNGEST_DEV in production, naming it: dev mode skips Inngest's request signatures", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: DB, AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEY: KEY };
    expect(() => parseEnv({ ...production, PUBLIC_URL: "https://portal.example.com", INNGEST_DEV: "1" })).toThrow(
      /Refusing to start in production with INNGEST_DEV set/,
    );
    expect(parseEnv({ ...production, PUBLIC_URL: "https://portal.example.com" }).NODE_ENV).toBe("production");
  });

  it("puts the Inngest client in dev mode only for INNGEST_DEV outside production", () => {
    expect(isInngestDev({ NODE_ENV: "development", INNGEST_DEV: "1" })).toBe(true);
    expect(isInngestDev({ NODE_ENV: "test", INNGEST_DEV: "http://127.0.0.1:8288" })).toBe(true);
    expect(isInngestDev({ NODE_ENV: "development", INNGEST_DEV: "0" })).toBe(false);
    expect(isInngestDev({ NODE_ENV: "development", INNGEST_DEV: "false" })).toBe(false);
    expect(isInngestDev({ NODE_ENV: "development" })).toBe(false);
    expect(isInngestDev({ NODE_ENV: "production", INNGEST_DEV: "1" })).toBe(false);
  });

  it("requires an https PUBLIC_URL in production, except on a loopback host", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: DB, AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEY: KEY };
    expect(() => parseEnv({ ...production, PUBLIC_URL: "http://portal.example.com" })).toThrow(
      /PUBLIC_URL=http:\/\/portal\.example\.com: it must be an https:\/\/ address/,
    );
    expect(() => parseEnv({ ...production, PUBLIC_URL: "http://10.0.0.5:3000" })).toThrow(/must be an https/);
    expect(() => parseEnv({ ...production, PUBLIC_URL: "http://localhost.evil.example" })).toThrow(/must be an https/);
    for (const publicUrl of [
      "https://portal.example.com",
      "http://localhost:3000",
      "http://127.0.0.1:3210",
      "http://[::1]:3000",
    ]) {
      expect(parseEnv({ ...production, PUBLIC_URL: publicUrl }).PUBLIC_URL).toBe(publicUrl);
    }
    // The default (http://localhost:3000) is loopback, so `npm start` on a laptop still starts.
    expect(parseEnv(production).PUBLIC_URL).toBe("http://localhost:3000");
    // Outside production http is fine anywhere.
    expect(parseEnv({ ...production, NODE_ENV: "development", PUBLIC_URL: "http://dev.example" }).PUBLIC_URL).toBe(
      "http://dev.example",
    );
  });

  it("takes SMTP_URL as an smtp:// or smtps:// URL, or leaves email off", () => {
    expect(parseEnv({ DATABASE_URL: DB }).SMTP_URL).toBeUndefined();
    const url = "smtps://alerts:secret@smtp.example.com:465?from=alerts%40shop.example";
    expect(parseEnv({ DATABASE_URL: DB, SMTP_URL: url }).SMTP_URL).toBe(url);
    expect(() => parseEnv({ DATABASE_URL: DB, SMTP_URL: "https://smtp.example.com" })).toThrow(
      /SMTP_URL: SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
  });

  it("treats empty strings as unset", () => {
    expect(
      parseEnv({ DATABASE_URL: DB, PUBLIC_URL: "", AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEY: KEY }).PUBLIC_URL,
    ).toBe("http://localhost:3000");
  });
});
