// Alerts in the browser (SPEC §12): a delivery impact.com rejects (the e2e fake rejects every conversion
// with Event Type ID 9999) raises an alert whose banner on /integrations counts it, links to the matching
// events and goes away with Dismiss; the Notifications page saves where alerts go, shows a saved webhook only
// as its host, and refuses a webhook on plain http or a loopback address with a message that says which.
import { expect, test } from "@playwright/test";
import { createIntegrationThroughForm } from "@/e2e/support/create-integration";
import { seedBrand, seedStripeAccount, stripeControl } from "@/e2e/support/seed-fakes";
import { signIn } from "@/e2e/support/sign-in";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

test("a rejected delivery raises a banner with its count and events link; Dismiss clears it", async ({ page }) => {
  const brand = await seedBrand("Alert Shop");
  const stripe = await seedStripeAccount("test");
  await signIn(page, brand);
  const integrationId = await createIntegrationThroughForm(page, brand, stripe.apiKey, {
    siteUrl: "https://alerts.e2e.example.com",
    eventTypeId: "9999",
  });
  const invoice = buildPaidInvoice({ billingReason: "subscription_create", amountPaid: 2500, currency: "usd" });
  await stripeControl.seed(stripe.stripeAccountId, invoice);
  const [sent] = await stripeControl.sendEvent(stripe.stripeAccountId, buildEvent("invoice.paid", invoice));
  expect(sent!.status).toBe(200);

  // Sent, then read back as rejected by impact.com (about a second): the banner appears on the dashboard.
  const alert = page.getByTestId("alert").filter({ hasText: "impact.com rejected deliveries" });
  await expect
    .poll(
      async () => {
        await page.goto("/integrations");
        return alert.count();
      },
      { timeout: 20_000 },
    )
    .toBe(1);
  await expect(alert).toContainText("alerts.e2e.example.com");
  await expect(alert.getByTestId("alert-times")).toHaveText(/^Once · first \d{4}-\d\d-\d\d .+ UTC · last .+ UTC$/);
  await expect(alert).toContainText(`Order ${invoice.id}`);
  await expect(alert).toContainText("ACTIONTRACKER_NOT_FOUND");

  // The integration's own page shows the same alert.
  await page.goto(`/integrations/${integrationId}`);
  await expect(page.getByTestId("alert").filter({ hasText: "impact.com rejected deliveries" })).toBeVisible();

  await page.goto("/integrations");
  await alert.getByRole("link", { name: "View the matching events" }).click();
  await page.waitForURL(`**/events?integration=${integrationId}&status=rejected`);
  await expect(page.getByTestId("event-row").filter({ hasText: invoice.id })).toBeVisible();

  await page.goto("/integrations");
  await alert.getByRole("button", { name: "Dismiss: impact.com rejected deliveries" }).click();
  await expect(alert).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
  await expect(page.getByTestId("alert")).toHaveCount(0);
});

test("the Notifications page saves where alerts go and refuses a webhook on http or a loopback address", async ({
  page,
}) => {
  const brand = await seedBrand("Notify Shop");
  await signIn(page, brand);
  await page.getByRole("link", { name: "Notifications" }).click();
  await page.waitForURL("**/settings/notifications");
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  // The e2e portal has no SMTP_URL: the page says email is off.
  await expect(page.getByText("Email is off on this portal: SMTP_URL is not set")).toBeVisible();

  const email = page.getByLabel("Email address");
  const webhook = page.getByLabel("Webhook URL", { exact: true });
  await email.fill("ops@notify.example.com");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(email).toHaveValue("ops@notify.example.com");

  await webhook.fill("http://127.0.0.1:8080/hooks/alerts");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#webhookUrl-error")).toHaveText(
    "Webhook URL must start with https:// (alerts are only posted over an encrypted connection).",
  );
  // The URL is a credential: not even a refused one is sent back to the page.
  await expect(webhook).toHaveValue("");

  await webhook.fill("https://127.0.0.1:8443/hooks/alerts");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#webhookUrl-error")).toHaveText(
    "Webhook URL refused: 127.0.0.1 is a loopback address: alerts are only posted to public addresses.",
  );
  await page.reload();
  await expect(webhook).toHaveValue("");

  // Saved, it is shown again only as its host; an empty field keeps it, the box removes it.
  await webhook.fill("https://93.184.216.34/services/T0E2E/B0E2E/e2e-path-secret");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(webhook).toHaveValue("");
  await expect(page.locator("#webhookUrl-hint")).toHaveText("Saved: 93.184.216.34/… — leave empty to keep it.");
  await expect(page.locator("body")).not.toContainText("e2e-path-secret");
  await email.fill("oncall@notify.example.com");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.locator("#webhookUrl-hint")).toHaveText("Saved: 93.184.216.34/… — leave empty to keep it.");
  await page.getByLabel("Remove the saved webhook URL").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByLabel("Remove the saved webhook URL")).toHaveCount(0);

  await page.getByRole("button", { name: "Send test message" }).click();
  const result = page.getByTestId("test-message-result");
  await expect(result).toContainText("Email: off: SMTP_URL is not set on this portal, so alert emails are off.");
  await expect(result).toContainText("Webhook: off: No webhook URL is saved.");
});
