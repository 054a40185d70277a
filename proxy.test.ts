// proxy.ts: the security headers and the per-request nonce, as Next receives them.
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterEach, expect, it, vi } from "vitest";

const NAMES = ["NODE_ENV", "PUBLIC_URL", "AUTH_SECRET", "ENCRYPTION_KEY"] as const;
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete (process.env as Record<string, string | undefined>)[name];
    else (process.env as Record<string, string | undefined>)[name] = saved[name];
  }
});

async function loadProxy(env: Partial<Record<(typeof NAMES)[number], string>>) {
  Object.assign(process.env, env);
  vi.resetModules();
  return import("@/proxy");
}

const production = {
  NODE_ENV: "production",
  AUTH_SECRET: "s".repeat(32),
  ENCRYPTION_KEY: randomBytes(32).toString("base64"),
};

it("sets the CSP with a fresh nonce, hands it to Next on the request, and the fixed headers", async () => {
  const { proxy } = await loadProxy({ NODE_ENV: "test", PUBLIC_URL: "http://localhost:3000" });
  const first = proxy(new NextRequest("http://localhost:3000/login"));
  const second = proxy(new NextRequest("http://localhost:3000/login"));
  const policy = first.headers.get("content-security-policy") ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce).toHaveLength(24);
  expect(second.headers.get("content-security-policy")).not.toBe(policy);
  for (const directive of [
    "default-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
  ]) {
    expect(policy.split("; ")).toContain(directive);
  }
  // NextResponse.next({ request: { headers } }) passes request headers on as x-middleware-request-*.
  expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
  expect(Object.fromEntries(first.headers)).toMatchObject({
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  });
  expect(first.headers.get("permissions-policy")).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
  expect(first.headers.get("strict-transport-security")).toBeNull();
});

it("adds HSTS in production behind an https PUBLIC_URL, not on a loopback http build", async () => {
  const https = await loadProxy({ ...production, PUBLIC_URL: "https://portal.example.com" });
  expect(
    https.proxy(new NextRequest("https://portal.example.com/api/events")).headers.get("strict-transport-security"),
  ).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  const loopback = await loadProxy({ ...production, PUBLIC_URL: "http://127.0.0.1:3210" });
  expect(
    loopback.proxy(new NextRequest("http://127.0.0.1:3210/login")).headers.get("strict-transport-security"),
  ).toBeNull();
});

it("allows eval only in development, for React's debugging", async () => {
  const { buildContentSecurityPolicy } = await loadProxy({ NODE_ENV: "test" });
  expect(buildContentSecurityPolicy("n", { isDevelopment: true })).toMatch(/script-src [^;]*'unsafe-eval'/);
  expect(buildContentSecurityPolicy("n")).not.toMatch(/unsafe-eval/);
});

it("answers 400 with a short plain message for a path that is not valid percent-encoding", async () => {
  const { proxy } = await loadProxy({ NODE_ENV: "test", PUBLIC_URL: "http://localhost:3000" });
  for (const path of ["/events/%E0%A4%A", "/integrations/%", "/api/events/%ZZ", "/support/accounts/%C0%AF/x"]) {
    const response = proxy(new NextRequest(`http://localhost:3000${path}`));
    expect(response.status, path).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("Bad request: the address is not valid percent-encoding.");
    // Not passed on to Next: no middleware-next marker.
    expect(response.headers.get("x-middleware-next")).toBeNull();
  }
});

it("passes valid percent-encoding on to Next", async () => {
  const { proxy } = await loadProxy({ NODE_ENV: "test", PUBLIC_URL: "http://localhost:3000" });
  for (const path of ["/events/evt%5F1", "/events/%E0%A4%A4", "/integrations/a%20b"]) {
    const response = proxy(new NextRequest(`http://localhost:3000${path}`));
    expect(response.status, path).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
  }
});
