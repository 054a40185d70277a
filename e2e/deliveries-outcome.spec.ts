import { expect, type Page, test } from "@playwright/test";
import { createIntegrationThroughForm } from "@/e2e/support/create-integration";
import { deliveryStatusOf, seedDeliveryOutcome } from "@/e2e/support/seed-deliveries";
import { impactControl, type SeededBrand, seedBrand, seedStripeAccount } from "@/e2e/support/seed-fakes";
import { signIn } from "@/e2e/support/sign-in";
import { createStaff, signInStaff } from "@/e2e/support/staff";
import { UNKNOWN_OUTCOME_ERROR } from "@/lib/events/replay-rules";

// Confirmed statuses in the browser (SPEC §6, §6a): a submission impact.com rejected shows impact's own
// words in the list and the detail and offers "Send again"; a send whose outcome is unknown says so and
// offers "Send again" and "Mark as delivered", which records it delivered without sending (audited for
// staff). The rows are seeded in the database: those states need impact.com's processing or a crash.

const IMPACT_ERROR = { impactErrorType: "Validation", impactErrorReason: "ACTIONTRACKER_NOT_FOUND" };
const unknownOutcome = (orderId: string) => ({
  status: "unknown" as const,
  lastError: `${UNKNOWN_OUTCOME_ERROR} (attempt started 2026-12-04T08:00:00.000Z). impact.com may already have order ${orderId}: check it there, and use "Send again" only if it is missing.`,
});

const rowOf = (page: Page, stripeEventId: string) => page.getByTestId("event-row").filter({ hasText: stripeEventId });

test.describe("delivery outcomes", () => {
  let brand: SeededBrand;
  let integrationId: string;

  test.beforeAll(async ({ browser }) => {
    brand = await seedBrand("Outcome Shop");
    const stripe = await seedStripeAccount("test");
    const page = await browser.newPage();
    await signIn(page, brand);
    integrationId = await createIntegrationThroughForm(page, brand, stripe.apiKey, {
      siteUrl: "https://outcomes.e2e.example.com",
    });
    await page.close();
  });

  test("a rejected delivery shows impact.com's reason in the list and the detail, and offers Send again", async ({
    page,
  }) => {
    const rejected = await seedDeliveryOutcome(integrationId, { status: "rejected", ...IMPACT_ERROR });
    await signIn(page, brand);

    await page.goto("/events?status=rejected");
    const row = rowOf(page, rejected.stripeEventId);
    await expect(row.getByTestId("outcome")).toHaveText("Rejected by impact.com");
    await expect(row.getByTestId("impact-error")).toHaveText("Validation — ACTIONTRACKER_NOT_FOUND");

    await row.getByRole("link", { name: rejected.stripeEventId }).click();
    await page.waitForURL(`**/events/${rejected.eventId}`);
    const delivery = page.getByTestId("delivery");
    await expect(delivery.getByTestId("outcome")).toHaveText("Rejected by impact.com");
    const verdict = delivery.getByTestId("impact-error");
    await expect(verdict.getByRole("definition")).toHaveText(["Validation", "ACTIONTRACKER_NOT_FOUND"]);
    await expect(delivery.getByRole("button", { name: "Send again" })).toBeVisible();
    await expect(delivery.getByRole("button", { name: "Mark as delivered" })).toHaveCount(0);
  });

  test("an unknown delivery offers Send again and Mark as delivered; marking records it without sending", async ({
    page,
    browser,
  }) => {
    const seed = await seedDeliveryOutcome(integrationId, unknownOutcome("in_unknown"));
    await signIn(page, brand);

    await page.goto("/events");
    await expect(rowOf(page, seed.stripeEventId).getByTestId("outcome")).toHaveText(
      "Outcome unknown — check in impact.com",
    );
    await page.goto(`/events/${seed.eventId}`);
    const delivery = page.getByTestId("delivery");
    await expect(delivery.getByTestId("outcome")).toHaveText("Outcome unknown — check in impact.com");
    await expect(delivery).toContainText(seed.orderId);

    // "Send again" asks first and explains; cancelling sends nothing.
    await delivery.getByRole("button", { name: "Send again" }).click();
    const sendAgain = page.getByRole("dialog", { name: "Send this conversion again?" });
    await expect(sendAgain).toContainText("impact.com may already have it");
    await sendAgain.getByRole("button", { name: "Cancel" }).click();
    await expect(sendAgain).toBeHidden();

    await delivery.getByRole("button", { name: "Mark as delivered" }).click();
    const mark = page.getByRole("dialog", { name: "Mark this conversion as delivered?" });
    await expect(mark).toContainText(`order ${seed.orderId}`);
    await mark.getByRole("button", { name: "Mark as delivered" }).click();
    await expect(delivery.getByTestId("outcome")).toHaveText("Delivered");
    await expect(delivery).toContainText(`Marked as delivered by ${brand.companyName} (brand)`);
    await expect(delivery.getByRole("button", { name: "Mark as delivered" })).toHaveCount(0);
    expect(await deliveryStatusOf(seed.deliveryId)).toMatchObject({ status: "delivered" });
    expect(await impactControl.requests({ path: "Conversions", sid: brand.accountSid })).toHaveLength(0);

    // Support staff mark another one; the audit log names them.
    const other = await seedDeliveryOutcome(integrationId, unknownOutcome("in_unknown_2"));
    const staff = createStaff();
    const staffContext = await browser.newContext();
    const support = await staffContext.newPage();
    await signInStaff(support, staff);
    await support.goto(`/support/events/${other.eventId}`);
    const supportDelivery = support.getByTestId("delivery");
    await supportDelivery.getByRole("button", { name: "Mark as delivered" }).click();
    await support
      .getByRole("dialog", { name: "Mark this conversion as delivered?" })
      .getByRole("button", { name: "Mark as delivered" })
      .click();
    await expect(supportDelivery.getByTestId("outcome")).toHaveText("Delivered");
    await expect(supportDelivery).toContainText(`Marked as delivered by support (${staff.email})`);
    await support.goto("/support/audit");
    await expect(
      support
        .getByTestId("audit-row")
        .filter({ hasText: "delivery.mark-delivered" })
        .filter({ hasText: other.deliveryId }),
    ).toContainText(staff.email);
    await staffContext.close();
  });
});
