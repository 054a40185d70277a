import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { E2E } from "@/e2e/e2e-config.mjs";
import { createIntegrationThroughForm } from "@/e2e/support/create-integration";
import { type SeededBrand, seedBrand, seedStripeAccount, stripeControl } from "@/e2e/support/seed-fakes";
import { signIn } from "@/e2e/support/sign-in";
import { createFakeAdvocateControl } from "@/testing/fakes/fake-control";
import { buildCustomer } from "@/testing/stripe/builders/customer";

// Advocate reward credits through the browser (SPEC §11): a brand connects its Advocate tenant on the
// integration's Advocate page (a wrong key and a live tenant on a test integration refused first), the
// fake Advocate sends a signed reward.created, the local runner credits the participant's customer in the
// fake Stripe, and the Rewards view shows it with its balance transaction; a participant without a Stripe
// customer needs mapping until it is set and Try again is pressed; another brand sees none of it.

const advocateControl = createFakeAdvocateControl(E2E.advocateUrl);
// The local runner picks a credit up within seconds and the list refreshes every 5 s.
const LIVE = { timeout: 30_000 };

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

type Tenant = { alias: string; apiKey: string };

async function connectAdvocate(page: Page, integrationId: string, tenant: Tenant, rewardUnits?: string) {
  await page.goto(`/integrations/${integrationId}/advocate`);
  await page.getByLabel("Tenant alias").fill(tenant.alias);
  await page.getByLabel("Advocate API Key").fill(tenant.apiKey);
  if (rewardUnits !== undefined) await page.getByLabel("Reward units").fill(rewardUnits);
  await page.getByRole("button", { name: "Connect Advocate", exact: true }).click();
}

/** A reward given now in Advocate, announced to the portal by a signed webhook that it answers 200. */
async function giveReward(tenant: Tenant, userId: string, accountId: string, assignedCredit: number) {
  const reward = await advocateControl.setReward(tenant.alias, {
    accountId,
    userId,
    type: "CREDIT",
    unit: "STRIPE/USD",
    assignedCredit,
  });
  const deliveries = await advocateControl.sendWebhook(tenant.alias, { type: "reward.created", data: reward });
  expect(deliveries.map((delivery) => delivery.status)).toEqual([200]);
  return reward;
}

const rowOf = (page: Page, rewardId: string) => page.getByTestId("reward-row").filter({ hasText: rewardId });

test.describe("advocate rewards", () => {
  let brand: SeededBrand;
  let intruder: SeededBrand;

  test.beforeAll(async () => {
    brand = await seedBrand("Advocate Shop");
    intruder = await seedBrand("Other Advocate Brand");
  });

  test("connect through the page, a reward credited in Stripe and shown, needs mapping then Try again; another brand sees nothing", async ({
    page,
    browser,
  }) => {
    test.setTimeout(150_000);
    const stripe = await seedStripeAccount("test");
    const customer = buildCustomer();
    await stripeControl.seed(stripe.stripeAccountId, customer);
    const tenant: Tenant = { alias: `test_${hex(4)}`, apiKey: `advkey_${hex(8)}` };
    const liveTenant: Tenant = { alias: `live${hex(4)}`, apiKey: `advkey_${hex(8)}` };
    const mapped = { id: `mapped-${hex(3)}@example.com`, accountId: `acct-${hex(3)}` };
    const unmapped = { id: `unmapped-${hex(3)}@example.com`, accountId: `acct-${hex(3)}` };
    await advocateControl.addTenant({
      ...tenant,
      users: [
        { ...mapped, customFields: { stripeCustomerId: customer.id } },
        { ...unmapped, customFields: {} },
      ],
    });
    await advocateControl.addTenant(liveTenant);

    await signIn(page, brand);
    const integrationId = await createIntegrationThroughForm(page, brand, stripe.apiKey);
    const integrationPage = `/integrations/${integrationId}`;
    await page.getByRole("link", { name: "Connect Advocate", exact: true }).click();
    await expect(page).toHaveURL(`${integrationPage}/advocate`);
    await expect(page.getByLabel("Reward units")).toHaveValue("STRIPE/*");
    await expect(page.getByLabel("Advocate API Key")).toHaveAttribute("type", "password");

    // A key Advocate refuses: named next to the field, nothing stored, nothing registered.
    await connectAdvocate(page, integrationId, { alias: tenant.alias, apiKey: "wrong-key" });
    await expect(page.getByText(/^invalid Advocate API key/)).toBeVisible();
    await expect(page.getByLabel("Tenant alias")).toHaveValue(tenant.alias);
    // A live tenant on a test-mode integration: refused before Advocate is asked anything.
    await connectAdvocate(page, integrationId, liveTenant);
    await expect(
      page.getByText(`${liveTenant.alias} is a live tenant, but this integration uses a test Stripe key`),
    ).toBeVisible();
    expect(await advocateControl.subscriptions(tenant.alias)).toEqual([]);
    expect(await advocateControl.subscriptions(liveTenant.alias)).toEqual([]);

    await connectAdvocate(page, integrationId, tenant);
    const webhookUrl = `${E2E.portalUrl}/api/webhooks/advocate/${integrationId}`;
    await expect(page.getByTestId("advocate-tenant")).toHaveText(tenant.alias);
    await expect(page.getByTestId("advocate-units")).toHaveText("STRIPE/*");
    await expect(page.getByTestId("advocate-webhook-url")).toHaveText(webhookUrl);
    await expect(page.getByTestId("advocate-last-reward")).toHaveText("No reward received yet");
    await expect(page.getByLabel("Advocate API Key")).toHaveValue("");
    expect((await advocateControl.subscriptions(tenant.alias)).map((subscription) => subscription.endpointUrl)).toEqual(
      [webhookUrl],
    );

    // A reward for the mapped participant: credited to their Stripe customer, with its balance transaction.
    const reward = await giveReward(tenant, mapped.id, mapped.accountId, 1500);
    await page.goto("/rewards");
    const row = rowOf(page, reward.id);
    await expect(row.getByTestId("reward-status")).toHaveText("Credited", LIVE);
    await expect(row.getByTestId("reward-amount")).toHaveText("15.00 USD");
    await expect(row.getByTestId("participant")).toHaveText(mapped.id);
    const transactionId = (await row.getByTestId("balance-transaction").textContent())!.trim();
    expect(transactionId).toMatch(/^cbtxn_/);
    const transaction = await stripeControl.getObject<{
      amount: number;
      currency: string;
      customer: string;
      metadata: Record<string, string>;
    }>(stripe.stripeAccountId, transactionId);
    expect(transaction).toMatchObject({
      amount: -1500,
      currency: "usd",
      customer: customer.id,
      metadata: { advocate_tenant: tenant.alias, advocate_reward_id: reward.id },
    });
    expect(await stripeControl.getObject(stripe.stripeAccountId, customer.id)).toMatchObject({ balance: -1500 });

    // Its detail: every attempt, the same balance transaction; the dashboard says Advocate is connected.
    await row.getByRole("link", { name: reward.id }).click();
    await expect(page.getByTestId("reward-id")).toHaveText(reward.id);
    await expect(page.getByTestId("balance-transaction")).toHaveText(transactionId);
    await expect(page.getByTestId("attempt-row").first()).toBeVisible();
    const detailUrl = page.url();
    await page.goto("/integrations");
    await expect(page.getByTestId("advocate-summary")).toContainText("Advocate connected · last reward");
    await expect(page.getByTestId("advocate-summary")).not.toContainText("none yet");

    // The participant without customFields.stripeCustomerId: needs mapping, Try again once it is set.
    const unmappedReward = await giveReward(tenant, unmapped.id, unmapped.accountId, 700);
    await page.goto("/rewards");
    const waiting = rowOf(page, unmappedReward.id);
    await expect(waiting.getByTestId("reward-status")).toHaveText("Needs mapping", LIVE);
    await waiting.getByRole("link", { name: unmappedReward.id }).click();
    await expect(page.getByTestId("reward-note")).toContainText("customFields.stripeCustomerId");
    await advocateControl.setUser(tenant.alias, { ...unmapped, customFields: { stripeCustomerId: customer.id } });
    await page.getByRole("button", { name: "Try again", exact: true }).click();
    await expect(page.getByTestId("reward-status")).toHaveText("Credited", LIVE);
    await expect(page.getByTestId("balance-transaction")).toHaveText(/^cbtxn_/);
    expect(await stripeControl.getObject(stripe.stripeAccountId, customer.id)).toMatchObject({ balance: -2200 });

    // Search by reward id and by customer id, exact.
    await page.goto(`/rewards?q=${encodeURIComponent(reward.id)}`);
    await expect(page.getByTestId("reward-row")).toHaveCount(1);
    await page.goto(`/rewards?q=${customer.id}`);
    await expect(page.getByTestId("reward-row")).toHaveCount(2);

    // Another brand: an empty Rewards view, and the reward, the Advocate page and the export are not theirs.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, intruder);
    await otherPage.goto("/rewards");
    await expect(otherPage.getByText("No rewards yet.")).toBeVisible();
    await expect(otherPage.getByTestId("reward-row")).toHaveCount(0);
    const detail = await otherPage.goto(detailUrl);
    expect(detail?.status()).toBe(404);
    await expect(otherPage.getByRole("heading", { name: "Reward not found" })).toBeVisible();
    expect((await otherPage.goto(`${integrationPage}/advocate`))?.status()).toBe(404);
    const csv = await otherPage.request.get("/api/rewards/export");
    expect(await csv.text()).not.toContain(reward.id);
    await other.close();

    // Disconnect (confirmed): the subscription is removed in Advocate, the history stays.
    await page.goto(`${integrationPage}/advocate`);
    await page.getByRole("button", { name: "Disconnect Advocate", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Yes, disconnect" }).click();
    // Exact: the dialog's "Disconnect Advocate?" contains the words too.
    await expect(page.getByRole("heading", { name: "Connect Advocate", exact: true })).toBeVisible();
    await expect(page.getByTestId("advocate-connection")).toHaveCount(0);
    expect(await advocateControl.subscriptions(tenant.alias)).toEqual([]);
    await page.goto("/rewards");
    await expect(rowOf(page, reward.id)).toBeVisible();
  });
});
