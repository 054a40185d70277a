// The security headers on pages and API routes, and the pages still working under the CSP in real Chromium.
import { expect, type Page, test } from "@playwright/test";
import { seedBrand } from "@/e2e/support/seed-fakes";
import { signIn } from "@/e2e/support/sign-in";
import { createStaff, signInStaff } from "@/e2e/support/staff";

const FIXED_HEADERS = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
};

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = "", ...values] = part.split(/\s+/);
        return [name, values.join(" ")] as const;
      }),
  );
}

function expectSecurityHeaders(headers: Record<string, string>): Map<string, string> {
  expect(headers).toMatchObject(FIXED_HEADERS);
  expect(headers["permissions-policy"]).toMatch(/camera=\(\)/);
  expect(headers["permissions-policy"]).toMatch(/geolocation=\(\)/);
  // The browser tests run a production build on http://127.0.0.1: no HSTS there.
  expect(headers["strict-transport-security"]).toBeUndefined();
  const policy = directives(headers["content-security-policy"] ?? "");
  expect(Object.fromEntries(policy)).toMatchObject({
    "default-src": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "object-src": "'none'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
  });
  expect(policy.get("script-src")).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/);
  expect(policy.get("script-src")).not.toMatch(/unsafe-(inline|eval)/);
  return policy;
}

/** Collects every CSP violation the page reports, from the console and from `securitypolicyviolation`. */
async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect)/i.test(message.text())) {
      violations.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => {
    if (/Content Security Policy/i.test(error.message)) violations.push(`page error: ${error.message}`);
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(
        `securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return violations;
}

/** Next's client runtime started, i.e. its nonced scripts ran. */
async function expectHydrated(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => typeof (window as unknown as { next?: unknown }).next)).toBe("object");
}

test("a page carries the headers, with a fresh nonce on each request that Next puts on its scripts", async ({
  request,
}) => {
  const first = await request.get("/login");
  expect(first.status()).toBe(200);
  const policy = expectSecurityHeaders(first.headers());
  const nonce = /'nonce-([^']+)'/.exec(policy.get("script-src") ?? "")?.[1];
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);

  const second = await request.get("/login");
  expect(second.headers()["content-security-policy"]).not.toBe(first.headers()["content-security-policy"]);
});

test("API routes carry the headers too, on success and on refusal", async ({ request }) => {
  const refused = await request.get("/api/events");
  expect(refused.status()).toBe(401);
  expectSecurityHeaders(refused.headers());
  const session = await request.get("/api/auth/session");
  expect(session.ok()).toBe(true);
  expectSecurityHeaders(session.headers());
});

test("brand sign-in and the dashboard work under the CSP with no violation", async ({ page }) => {
  const violations = await watchCspViolations(page);
  const brand = await seedBrand("CSP Outfitters");
  await page.goto("/login");
  await expectHydrated(page);
  await signIn(page, brand);
  await expectHydrated(page);
  await expect(page.getByTestId("signed-in-as")).toHaveText(brand.companyName);
  await page
    .getByRole("link", { name: /events/i })
    .first()
    .click();
  await page.waitForURL("**/events");
  await expectHydrated(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(violations).toEqual([]);
});

test("staff sign-in and the support dashboard work under the CSP with no violation", async ({ page }) => {
  const violations = await watchCspViolations(page);
  const staff = createStaff();
  await signInStaff(page, staff);
  await expectHydrated(page);
  await page.goto("/support/events");
  await expectHydrated(page);
  expect(violations).toEqual([]);
});
