import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { impactControl, type SeededBrand, seedBrand, seedStripeAccount, stripeControl } from "@/e2e/support/seed-fakes";
import { signIn } from "@/e2e/support/sign-in";
import { createStaff, type StaffCredentials, signInStaff } from "@/e2e/support/staff";
import { buildCustomer } from "@/testing/stripe/builders/customer";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

// The delivery log through the browser (SPEC §8): webhooks from the fake Stripe to the built portal,
// the local runner sending to the fake impact.com, a failed delivery replayed from the page, a CSV
// export; a second brand sees none of it; support staff see all of it, and their actions are audited.

const SITE_URL = "https://events.e2e.example.com";
// The local runner picks work up within seconds and the list refreshes every 5 s.
const LIVE = { timeout: 20_000 };
// Delivered means confirmed by impact.com (SPEC §6a): the first read of the submission's outcome waits
// IMPACT_POLL_DELAY (10 s unless the world sets it), then the page refreshes.
const CONFIRMED = { timeout: 45_000 };

async function createIntegration(page: Page, brand: SeededBrand, apiKey: string): Promise<string> {
  await page.goto("/integrations/new");
  const fields = {
    URL: SITE_URL,
    "Auth Token": brand.deliveryToken,
    "Program ID": "1001",
    "Event Type ID": "2001",
    "Recurring Event Tracker ID": "2002",
    "API Key": apiKey,
  };
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Create integration" }).click();
  await page.waitForURL(/\/integrations\/c[a-z0-9]+$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** A paid first invoice sent by the fake Stripe to every endpoint registered for it (the portal's). */
async function sendPaidInvoice(stripeAccountId: string, customerId: string) {
  const invoice = buildPaidInvoice({ billingReason: "subscription_create", customer: customerId, amountPaid: 2900 });
  const event = buildEvent("invoice.paid", invoice);
  const [delivery] = await stripeControl.sendEvent(stripeAccountId, event);
  expect(delivery?.status).toBe(200);
  return { invoice, event };
}

const rowOf = (page: Page, stripeEventId: string) => page.getByTestId("event-row").filter({ hasText: stripeEventId });

test.describe("events", () => {
  let brand: SeededBrand;
  let intruder: SeededBrand;
  let staff: StaffCredentials;

  test.beforeAll(async () => {
    brand = await seedBrand("Events Shop");
    intruder = await seedBrand("Nosy Brand");
    staff = createStaff();
  });

  test("live log, replay of a failed delivery, CSV; another brand sees nothing; staff see and replay, audited", async ({
    page,
    browser,
  }) => {
    // Three confirmations by impact.com (each after IMPACT_POLL_DELAY) on top of the rest.
    test.setTimeout(180_000);
    const stripe = await seedStripeAccount("test");
    await signIn(page, brand);
    await createIntegration(page, brand, stripe.apiKey);
    const customer = buildCustomer();
    await stripeControl.seed(stripe.stripeAccountId, customer);

    // impact.com refuses the first conversion outright (400): rejected, nothing credited.
    await impactControl.failNext(
      { path: `/Advertisers/${brand.accountSid}/Conversions` },
      { kind: "error", status: 400, message: "Invalid EventTypeId" },
    );
    const failed = await sendPaidInvoice(stripe.stripeAccountId, customer.id);
    await page.goto("/events");
    await expect(rowOf(page, failed.event.id).getByTestId("outcome")).toHaveText("Rejected by impact.com", LIVE);
    await expect(rowOf(page, failed.event.id)).toContainText("400");
    await expect(rowOf(page, failed.event.id)).toContainText(failed.invoice.id);
    await expect(rowOf(page, failed.event.id)).toContainText("Test mode");

    // A second event shows up on the open page without a reload, is sent, and turns delivered once
    // impact.com has processed it.
    const delivered = await sendPaidInvoice(stripe.stripeAccountId, customer.id);
    await expect(rowOf(page, delivered.event.id).getByTestId("outcome")).toHaveText(
      /^(Sent — awaiting impact\.com|Delivered)$/,
      LIVE,
    );
    await expect(rowOf(page, delivered.event.id).getByTestId("outcome")).toHaveText("Delivered", CONFIRMED);

    // Search by OrderId narrows the list; the URL holds it.
    await page.getByLabel("Search").fill(failed.invoice.id);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/q=in_/);
    await expect(page.getByTestId("event-row")).toHaveCount(1);

    // Send the rejected delivery again once impact.com accepts again (no confirmation: it credited
    // nothing), and watch it turn delivered.
    await impactControl.clearFailures();
    await rowOf(page, failed.event.id).getByRole("link", { name: failed.event.id }).click();
    await page.waitForURL(/\/events\/[^/?]+$/);
    const eventPath = new URL(page.url()).pathname;
    const delivery = page.getByTestId("delivery");
    await expect(delivery.getByTestId("outcome")).toHaveText("Rejected by impact.com");
    await expect(delivery.getByTestId("impact-error")).toContainText("Invalid EventTypeId");
    await delivery.getByRole("button", { name: "Send again" }).click();
    await expect(delivery.getByTestId("outcome")).toHaveText("Delivered", CONFIRMED);
    // The refused send of the original, then the replay's send and its outcome reads.
    await expect(delivery.getByTestId("attempt-row").filter({ hasText: "original" })).toHaveCount(1);
    await expect(delivery.getByTestId("attempt-row").filter({ hasText: "replay 1" }).first()).toBeVisible();
    await expect(delivery.getByTestId("request-params")).toContainText(failed.invoice.id);
    await page.getByText("Stripe payload").click();
    await expect(page.getByTestId("stripe-payload")).toContainText(`"id": "${failed.event.id}"`);

    // Replaying a delivered conversion asks first; cancelling sends nothing.
    await delivery.getByRole("button", { name: "Replay" }).click();
    const dialog = page.getByRole("dialog", { name: "Send this conversion again?" });
    await expect(dialog).toContainText("This sends a second conversion to impact.com");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    const sentFor = async (orderId: string) =>
      (await impactControl.requests({ path: "Conversions", status: 200, sid: brand.accountSid })).filter(
        (request) => request.params.OrderId === orderId,
      );
    expect(await sentFor(failed.invoice.id)).toHaveLength(1);

    // The CSV export of the list, as a download.
    await page.goto("/events");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^events-.*\.csv$/);
    const csv = readFileSync((await file.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toMatch(/^"received_at","account",/);
    expect(csv).toContain(failed.event.id);
    expect(csv).toContain(delivered.event.id);

    // Another brand: an empty log, 404 for the event and its JSON, nothing by search.
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await signIn(other, intruder);
    await other.goto("/events");
    await expect(other.getByText("No events yet")).toBeVisible();
    expect((await other.goto(eventPath))?.status()).toBe(404);
    expect((await other.request.get(`/api/events/${eventPath.split("/").pop()}`)).status()).toBe(404);
    await other.goto(`/events?q=${failed.event.id}`);
    await expect(other.getByTestId("event-row")).toHaveCount(0);
    const otherCsv = await (await other.request.get("/api/events/export")).text();
    expect(otherCsv).not.toContain(failed.event.id);
    await otherContext.close();

    // Support staff: every account's events, the account page, a confirmed "Send again", the audit log.
    const staffContext = await browser.newContext();
    const support = await staffContext.newPage();
    await signInStaff(support, staff);
    await support.getByRole("link", { name: brand.companyName }).click();
    await expect(support.getByTestId("support-integration")).toContainText(SITE_URL);
    await support.getByRole("link", { name: "View this account's events" }).click();
    await expect(rowOf(support, failed.event.id)).toContainText(brand.companyName);
    await rowOf(support, failed.event.id).getByRole("link", { name: failed.event.id }).click();
    const supportDelivery = support.getByTestId("delivery");
    await supportDelivery.getByRole("button", { name: "Replay" }).click();
    await support.getByRole("dialog").getByRole("button", { name: "Send again" }).click();
    await expect(supportDelivery.getByTestId("attempt-row").filter({ hasText: "replay 2" }).first()).toBeVisible(LIVE);
    await expect(supportDelivery.getByTestId("outcome")).toHaveText("Delivered", CONFIRMED);
    expect(await sentFor(failed.invoice.id)).toHaveLength(2);
    await support.goto("/support/audit");
    await expect(support.getByTestId("audit-row").filter({ hasText: "delivery.replay" })).toContainText(staff.email);
    await expect(support.getByTestId("audit-row").filter({ hasText: "account.view" })).toContainText(brand.companyName);
    await staffContext.close();
  });
});
