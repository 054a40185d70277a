import { expect, type Page } from "@playwright/test";

export type BrandCredentials = { accountSid: string; authToken: string };

/** Signs a brand in through the real /login form and waits for the dashboard. */
export async function signIn(page: Page, brand: BrandCredentials): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Account SID").fill(brand.accountSid);
  await page.getByLabel("Auth Token").fill(brand.authToken);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/integrations");
  await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
}
