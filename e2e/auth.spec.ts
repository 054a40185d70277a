// Sign-in for brands and staff in real Chromium against the built portal and the fake impact.com.
import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { E2E } from "@/e2e/e2e-config.mjs";
import { impactControl, seedBrand } from "@/e2e/support/seed-fakes";
import { signIn } from "@/e2e/support/sign-in";
import { createStaff, signInStaff } from "@/e2e/support/staff";

async function submitBrandLogin(page: import("@playwright/test").Page, accountSid: string, authToken: string) {
  await page.goto("/login");
  await page.getByLabel("Account SID").fill(accountSid);
  await page.getByLabel("Auth Token").fill(authToken);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("signed-out visits", () => {
  for (const [path, login] of [
    ["/integrations", "/login"],
    ["/integrations/new", "/login"],
    ["/events", "/login"],
    ["/support", "/support/login"],
  ] as const) {
    test(`${path} redirects to ${login}`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`${login}$`));
    });
  }
});

test.describe("brand sign-in", () => {
  test("signs in with SID and token, shows the company name, signs out", async ({ page }) => {
    const brand = await seedBrand("Acme Outdoor");
    await signIn(page, brand);
    await expect(page.getByTestId("signed-in-as")).toHaveText(brand.companyName);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/integrations");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("a wrong token gets its own message and no session", async ({ page }) => {
    const brand = await seedBrand("Wrong Token Co");
    await submitBrandLogin(page, brand.accountSid, "not-the-right-token");
    await expect(page.getByRole("alert").filter({ hasText: "Wrong SID or token." })).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
  });

  test("a token without permission (403) gets its own message", async ({ page }) => {
    const brand = await seedBrand("Scoped Token Co");
    await impactControl.addAccount({
      sid: brand.accountSid,
      authTokens: [brand.authToken],
      companyName: brand.companyName,
      forbidden: true,
    });
    await submitBrandLogin(page, brand.accountSid, brand.authToken);
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: "This token lacks permission to read the account's company information." }),
    ).toBeVisible();
  });

  test("impact.com unreachable gets its own message", async ({ page }) => {
    const brand = await seedBrand("Outage Co");
    await impactControl.failNext({ path: "CompanyInformation" }, { kind: "reset" });
    await submitBrandLogin(page, brand.accountSid, brand.authToken);
    await expect(page.getByRole("alert").filter({ hasText: "impact.com unreachable, try again." })).toBeVisible();
  });

  test("malformed input is caught next to the field before anything is sent", async ({ page }) => {
    await submitBrandLogin(page, "IR 123!", "x");
    await expect(page.getByText("An Account SID has 8–64 letters and digits, no spaces or symbols.")).toBeVisible();
    await expect(page.getByText("An Auth Token has 8–256 visible characters and no spaces.")).toBeVisible();
    expect(await impactControl.requests({ path: "CompanyInformation", sid: "IR 123!" })).toHaveLength(0);
  });

  test("an expired session sends the brand back to /login", async ({ page, context }) => {
    const brand = await seedBrand("Expired Session Co");
    await signIn(page, brand);
    const expired = await encode({
      secret: E2E.authSecret,
      token: {
        principal: { role: "brand", accountId: "x", impactSid: brand.accountSid, companyName: brand.companyName },
      },
      maxAge: -60,
    });
    await context.clearCookies();
    await context.addCookies([{ name: "next-auth.session-token", value: expired, url: E2E.portalUrl }]);
    await page.goto("/integrations");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("a brand session does not open the staff console", async ({ page }) => {
    await signIn(page, await seedBrand("Curious Brand"));
    await page.goto("/support");
    await expect(page).toHaveURL(/\/support\/login$/);
  });
});

test.describe("staff sign-in", () => {
  test("staff made with npm run staff:create sign in and see every account", async ({ page }) => {
    const brand = await seedBrand("Listed Brand");
    await signIn(page, brand);
    await page.context().clearCookies();

    await signInStaff(page, createStaff());
    await expect(page.getByTestId("signed-in-as")).toContainText("Support ·");
    await page.getByLabel("Search accounts").fill(brand.accountSid);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("cell", { name: brand.companyName })).toBeVisible();

    await page.goto("/integrations");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("a wrong password is refused", async ({ page }) => {
    const staff = createStaff();
    await page.goto("/support/login");
    await page.getByLabel("Email").fill(staff.email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  });
});
