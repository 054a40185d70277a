import { expect, type Page, test } from "@playwright/test";
import { E2E } from "@/e2e/e2e-config.mjs";
import { createIntegrationThroughForm } from "@/e2e/support/create-integration";
import {
  type SeededBrand,
  seedBrand,
  seedStripeAccount,
  setEndpointEvents,
  stripeControl,
} from "@/e2e/support/seed-fakes";
import { signIn } from "@/e2e/support/sign-in";

// One brand's whole integration lifecycle through the browser, against the built
// portal and the fakes; a second brand must never see or reach it.

const SITE_URL = "https://shop.e2e.example.com";
const CLICK_ID_LABEL = "Click ID in client_reference_id (Payment Links)";
const THREE_EVENTS = ["invoice.paid", "checkout.session.completed", "charge.refunded"];
const FOUR_EVENTS = [...THREE_EVENTS, "charge.dispute.closed"];

async function fillIntegrationForm(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
}

test.describe("integrations", () => {
  let brand: SeededBrand;
  let intruder: SeededBrand;

  test.beforeAll(async () => {
    brand = await seedBrand("Acme Shop");
    intruder = await seedBrand("Other Brand");
  });

  test("create through the form, see it on the dashboard, edit, disable, delete; another brand gets 404", async ({
    page,
    browser,
  }) => {
    const stripe = await seedStripeAccount("test");
    await signIn(page, brand);
    await expect(page.getByTestId("signed-in-as")).toHaveText(brand.companyName);

    await page.getByRole("link", { name: "New integration" }).click();
    await page.waitForURL("**/integrations/new");
    await fillIntegrationForm(page, {
      URL: SITE_URL,
      "Auth Token": brand.deliveryToken,
      "Program ID": "12a",
      "Event Type ID": "2002",
      "Recurring Event Tracker ID": "3003",
      "API Key": "sk_test_notAKeyStripeKnows123",
    });
    await page.getByRole("button", { name: "Create integration" }).click();
    // Checked in the browser first, next to the field; nothing typed is lost.
    await expect(page.getByText("The Program ID is a number (digits only), as shown in impact.com.")).toBeVisible();
    await page.getByLabel("Program ID", { exact: true }).fill("1001");
    await page.getByRole("button", { name: "Create integration" }).click();
    // Then Stripe rejects the key: the message sits under API Key and the form keeps its values.
    await expect(page.locator("#apiKey-error")).toContainText(/invalid API key/i);
    await expect(page.getByLabel("URL", { exact: true })).toHaveValue(SITE_URL);
    await expect(page.getByLabel("Auth Token", { exact: true })).toHaveValue(brand.deliveryToken);
    expect(await stripeControl.webhookEndpoints(stripe.stripeAccountId)).toHaveLength(0);

    // The checkbox starts unticked (off by default), is labelled, and carries its hint.
    const clickIdBox = page.getByRole("checkbox", { name: CLICK_ID_LABEL });
    await expect(clickIdBox).not.toBeChecked();
    await expect(clickIdBox).toHaveAccessibleDescription(/Stripe Payment Links accept only \?client_reference_id=/);
    await clickIdBox.check();
    await page.getByLabel("API Key", { exact: true }).fill(stripe.apiKey);
    await page.getByRole("button", { name: "Create integration" }).click();
    await page.waitForURL(/\/integrations\/c[a-z0-9]+$/);
    const integrationId = new URL(page.url()).pathname.split("/").pop()!;
    const webhookUrl = `${E2E.portalUrl}/api/webhooks/stripe/${integrationId}`;
    await expect(page.getByRole("heading", { name: SITE_URL })).toBeVisible();
    await expect(page.getByTestId("webhook-url")).toHaveText(webhookUrl);
    await expect(page.getByText("Test mode", { exact: true })).toBeVisible();
    await expect(page.getByTestId("endpoint-status")).toHaveText("Stripe endpoint: Enabled");
    await expect(page.getByTestId("click-id-from-client-reference")).toHaveText(/^On/);
    await expect(page.getByTestId("endpoint-events")).toHaveText(FOUR_EVENTS.join(", "));
    // The secrets never come back to the browser, only their last four characters.
    expect(await page.content()).not.toContain(stripe.apiKey);
    expect(await page.content()).not.toContain(brand.deliveryToken);

    const [endpoint] = await stripeControl.webhookEndpoints(stripe.stripeAccountId);
    expect(endpoint).toMatchObject({ url: webhookUrl, metadata: { integration_id: integrationId } });
    expect([...endpoint!.enabled_events].sort()).toEqual([...FOUR_EVENTS].sort());

    await page.getByRole("link", { name: "← Integrations" }).click();
    await page.waitForURL("**/integrations");
    const card = page.getByTestId("integration-card").filter({ hasText: SITE_URL });
    await expect(card).toHaveCount(1);
    await expect(card.getByText("Test mode", { exact: true })).toBeVisible();
    await expect(card.getByTestId("endpoint-status")).toHaveText("Stripe endpoint: Enabled");
    await expect(card.getByText("No events yet")).toBeVisible();
    await expect(card.getByRole("link", { name: "View events →" })).toHaveAttribute(
      "href",
      `/events?integration=${integrationId}`,
    );

    // Edit: the secret fields start empty (meaning keep); a new live key re-registers the endpoint.
    const liveStripe = await seedStripeAccount("live");
    await card.getByRole("link", { name: SITE_URL }).click();
    await page.getByRole("link", { name: "Edit integration" }).click();
    await page.waitForURL(`**/integrations/${integrationId}/edit`);
    await expect(page.getByLabel("API Key", { exact: true })).toHaveValue("");
    await expect(
      page.getByText(`Saved: •••• ${stripe.apiKey.slice(-4)}. Leave empty to keep it.`, { exact: false }),
    ).toBeVisible();
    await expect(page.getByLabel("Program ID", { exact: true })).toHaveValue("1001");
    await expect(page.getByRole("checkbox", { name: CLICK_ID_LABEL })).toBeChecked();
    await fillIntegrationForm(page, { "Program ID": "4242", "API Key": liveStripe.apiKey });
    // Unticked on edit: the setting is turned off (an unticked box is absent from the form).
    await page.getByRole("checkbox", { name: CLICK_ID_LABEL }).uncheck();
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(`**/integrations/${integrationId}`);
    await expect(page.getByText("4242", { exact: true })).toBeVisible();
    await expect(page.getByTestId("click-id-from-client-reference")).toHaveText("Off");
    await expect(page.getByText("Live", { exact: true })).toBeVisible();
    expect(await stripeControl.webhookEndpoints(stripe.stripeAccountId)).toHaveLength(0);
    expect(await stripeControl.webhookEndpoints(liveStripe.stripeAccountId)).toHaveLength(1);

    await page.getByRole("button", { name: "Disable integration" }).click();
    await expect(page.getByText("Integration disabled")).toBeVisible();
    await expect(page.getByTestId("endpoint-status")).toHaveText("Stripe endpoint: Disabled");
    expect((await stripeControl.webhookEndpoints(liveStripe.stripeAccountId))[0]!.status).toBe("disabled");

    // Another brand: its own (empty) dashboard, and 404 for the first brand's pages.
    const otherContext = await browser.newContext();
    const otherPage = await otherContext.newPage();
    await signIn(otherPage, intruder);
    await expect(otherPage.getByText(SITE_URL)).toHaveCount(0);
    for (const path of [`/integrations/${integrationId}`, `/integrations/${integrationId}/edit`]) {
      const response = await otherPage.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(otherPage.getByText(SITE_URL)).toHaveCount(0);
    }
    await otherContext.close();

    // Delete asks first, then removes the Stripe endpoint and the integration.
    await page.getByRole("button", { name: "Delete integration" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await page.waitForURL(/\/integrations$/);
    await expect(page.getByTestId("integration-card").filter({ hasText: SITE_URL })).toHaveCount(0);
    expect(await stripeControl.webhookEndpoints(liveStripe.stripeAccountId)).toHaveLength(0);
    expect((await page.goto(`/integrations/${integrationId}`))?.status()).toBe(404);
  });

  test("an endpoint registered with three events is brought up to four when the page checks it, and the page says so", async ({
    page,
  }) => {
    const stripe = await seedStripeAccount("test");
    await signIn(page, brand);
    const integrationId = await createIntegrationThroughForm(page, brand, stripe.apiKey, {
      siteUrl: "https://older.e2e.example.com",
    });
    const [endpoint] = await stripeControl.webhookEndpoints(stripe.stripeAccountId);
    // As an integration created before charge.dispute.closed was on the list.
    await setEndpointEvents(stripe.apiKey, endpoint!.id, THREE_EVENTS);

    // Disabled: the endpoint is left alone, and the page says when the event will be added.
    await page.getByRole("button", { name: "Disable integration" }).click();
    await expect(page.getByTestId("endpoint-status")).toHaveText("Stripe endpoint: Disabled");
    await expect(page.getByText(/adds it when the integration is enabled again/)).toBeVisible();
    expect((await stripeControl.webhookEndpoints(stripe.stripeAccountId))[0]!.enabled_events).toEqual(THREE_EVENTS);

    // Enabled again: the next check updates the same endpoint in place.
    await page.getByRole("button", { name: "Enable integration" }).click();
    await expect(page.getByTestId("endpoint-status")).toHaveText("Stripe endpoint: Enabled");
    const notice = page.getByText(
      /The Stripe webhook endpoint now also sends charge\.dispute\.closed \(updated .+ UTC\)/,
    );
    await expect(notice).toBeVisible();
    await expect(page.getByTestId("endpoint-events")).toHaveText(FOUR_EVENTS.join(", "));
    const endpoints = await stripeControl.webhookEndpoints(stripe.stripeAccountId);
    expect(endpoints.map((item) => item.id)).toEqual([endpoint!.id]);
    expect([...endpoints[0]!.enabled_events].sort()).toEqual([...FOUR_EVENTS].sort());

    // Still true after a reload.
    await page.goto(`/integrations/${integrationId}`);
    await expect(notice).toBeVisible();
  });
});
