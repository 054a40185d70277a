// Missed-event recovery in Chromium: events Stripe has but the portal never received are ingested
// once, sent to impact.com, and a second run (brand or staff) finds nothing new; staff runs are audited.
import { expect, test } from "@playwright/test";
import { createIntegrationThroughForm } from "@/e2e/support/create-integration";
import { impactControl, seedBrand, seedStripeAccount, stripeControl } from "@/e2e/support/seed-fakes";
import { signIn } from "@/e2e/support/sign-in";
import { createStaff, signInStaff } from "@/e2e/support/staff";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

test("a brand recovers missed events once; staff recovery finds nothing new and is audited", async ({ page }) => {
  const brand = await seedBrand("Recovery Shop");
  const stripe = await seedStripeAccount("test");
  await signIn(page, brand);
  const integrationId = await createIntegrationThroughForm(page, brand, stripe.apiKey);

  const hourAgo = Math.floor(Date.now() / 1000) - 3600;
  const invoices = [
    buildPaidInvoice({ billingReason: "subscription_create" }),
    buildPaidInvoice({ billingReason: "subscription_cycle" }),
  ];
  await stripeControl.seed(stripe.stripeAccountId, ...invoices);
  await stripeControl.seedEvents(
    stripe.stripeAccountId,
    ...invoices.map((invoice) => buildEvent("invoice.paid", invoice, { created: hourAgo })),
  );

  await page.goto(`/integrations/${integrationId}`);
  await page.getByRole("button", { name: "Recover missed events" }).click();
  await expect(page.getByTestId("recovery-report")).toHaveText("2 events in the window: 2 new, 0 already stored.");
  await expect
    .poll(
      async () =>
        (await impactControl.requests({ path: "Conversions", sid: brand.accountSid, status: 200 }))
          .map((request) => request.params.OrderId)
          .sort(),
      { timeout: 15_000 },
    )
    .toEqual(invoices.map((invoice) => invoice.id).sort());

  await page.getByRole("button", { name: "Recover missed events" }).click();
  await expect(page.getByTestId("recovery-report")).toHaveText("2 events in the window: 0 new, 2 already stored.");

  await page.context().clearCookies();
  await signInStaff(page, createStaff());
  await page.getByLabel("Search accounts").fill(brand.accountSid);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: brand.companyName }).click();
  await page.getByText("Recover missed events").first().click();
  await page.getByRole("button", { name: "Recover missed events" }).click();
  await expect(page.getByTestId("recovery-report")).toHaveText("2 events in the window: 0 new, 2 already stored.");
  await page.goto("/support/audit");
  await expect(page.getByText("events.recover").first()).toBeVisible();
  expect(await impactControl.requests({ path: "Conversions", sid: brand.accountSid })).toHaveLength(2);
});
