// Staff accounts for browser tests, made with the real CLI (`npm run staff:create`) in the e2e database.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { E2E } from "@/e2e/e2e-config.mjs";

export type StaffCredentials = { email: string; password: string };

export function createStaff(): StaffCredentials {
  const staff = {
    email: `support-${randomBytes(4).toString("hex")}@example.com`,
    password: "correct horse battery staple",
  };
  execFileSync(
    path.resolve("node_modules/.bin/tsx"),
    ["--conditions=react-server", "scripts/staff-create.ts", "--email", staff.email, "--password", staff.password],
    { env: { ...process.env, DATABASE_URL: E2E.portalEnv.DATABASE_URL }, stdio: "pipe" },
  );
  return staff;
}

export async function signInStaff(page: Page, staff: StaffCredentials): Promise<void> {
  await page.goto("/support/login");
  await page.getByLabel("Email").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/support");
  await expect(page.getByRole("heading", { name: "Accounts" })).toBeVisible();
}
