import { expect, type Locator, type Page, test } from "@playwright/test";
import { createIntegrationThroughForm } from "@/e2e/support/create-integration";
import { stripeControl } from "@/e2e/support/seed-fakes";
import { signIn } from "@/e2e/support/sign-in";
import { DEMO } from "@/testing/fakes/demo-accounts";
import { DEMO_REJECTION } from "@/testing/fakes/stripe/demo-scenario";

// The README's demo, in the browser: the newcomer's steps (the demo credentials, one integration through
// the form) with the demo stream on, ten times faster (its four minutes in 25 s). Once the stream has
// played and impact.com has confirmed what it takes, the dashboard shows the traffic — delivered, failed,
// skipped, the 7-day chart — with the rejection's alert banner above it, and the log impact.com's rejection
// in its own words; the dashboard is then photographed for the README (docs/demo-dashboard.png, rewritten
// each run), banner and card both in the picture.

const SCREENSHOT = "docs/demo-dashboard.png";
const TIME_SCALE = 0.1;
const SETTLED = { timeout: 60_000, intervals: [1_000] };
// What the whole stream ends with (testing/fakes/stripe/demo-scenario.ts): 16 conversions and 3 action
// changes (two refunds, a lost chargeback) confirmed, 1 conversion rejected, 3 events skipped.
const FINAL = { delivered: "19", failed: "1", skipped: "3", pending: "0", awaiting: "0" };

const countOf = (card: Locator, label: string) =>
  card
    .getByLabel("Deliveries in the last 24 hours")
    .locator("div")
    .filter({ has: card.page().getByText(label, { exact: true }) })
    .getByRole("definition");

async function dashboardCount(page: Page, label: string): Promise<number> {
  await page.goto("/integrations");
  return Number(await countOf(page.getByTestId("integration-card"), label).textContent());
}

test.describe("the demo's dashboard", () => {
  test.afterAll(async () => {
    await stripeControl.setDemoStream(null);
  });

  test("fills with every outcome of the stream; the README's screenshot", async ({ page }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await stripeControl.setDemoStream({ accountId: DEMO.stripeAccount, timeScale: TIME_SCALE });
    await signIn(page, { accountSid: DEMO.impactSid, authToken: DEMO.impactSignInToken });
    await createIntegrationThroughForm(
      page,
      {
        accountSid: DEMO.impactSid,
        authToken: DEMO.impactSignInToken,
        deliveryToken: DEMO.impactDeliveryToken,
        companyName: "Demo Brand Inc.",
      },
      DEMO.stripeKey,
      { siteUrl: "https://shop.demo.example.com" },
    );

    await expect
      .poll(async () => (await stripeControl.demoStreams()).streams[0]?.endedBecause ?? null, SETTLED)
      .toMatch(/^finished/);

    // The outcomes in their own words (the log refreshes itself every 5 s).
    await page.goto("/events?status=rejected");
    const rejected = page.getByTestId("event-row");
    await expect(rejected.getByTestId("outcome")).toHaveText("Rejected by impact.com", { timeout: 30_000 });
    await expect(rejected.getByTestId("impact-error")).toHaveText(
      `${DEMO_REJECTION.errorType} — ${DEMO_REJECTION.errorReason}`,
    );
    await page.goto("/events?status=skipped");
    await expect(page.getByTestId("event-row")).toHaveCount(3, { timeout: 30_000 });
    await expect(page.getByText(/^nothing paid: amount_paid is 0/)).toBeVisible();
    await expect(page.getByText(/^subscription checkout/)).toHaveCount(2);

    // The dashboard, reloaded until impact.com has confirmed every conversion and change.
    await expect.poll(() => dashboardCount(page, "Delivered (24 h)"), SETTLED).toBe(Number(FINAL.delivered));
    const card = page.getByTestId("integration-card");
    await expect(countOf(card, "Failed (24 h)")).toHaveText(FINAL.failed);
    await expect(countOf(card, "Skipped (24 h)")).toHaveText(FINAL.skipped);
    await expect(countOf(card, "Pending (24 h)")).toHaveText(FINAL.pending);
    await expect(countOf(card, "Awaiting impact.com (24 h)")).toHaveText(FINAL.awaiting);
    await expect(card.getByText("Last 7 days (UTC): delivered / awaiting impact.com / failed")).toBeVisible();
    const today = card.getByRole("table", { name: "Deliveries per day, last 7 days (UTC)" }).getByRole("row").last();
    await expect(today.getByRole("cell")).toHaveText([/^\d{4}-\d{2}-\d{2}$/, FINAL.delivered, "0", FINAL.failed]);

    // The rejected conversion's alert (SPEC §12) is the banner above the card: one occurrence, in impact.com's words.
    const banner = page.getByTestId("alert-banner");
    const alert = banner.getByTestId("alert");
    await expect(alert).toHaveCount(1);
    await expect(alert).toContainText("impact.com rejected deliveries · https://shop.demo.example.com");
    await expect(alert.getByTestId("alert-times")).toHaveText(/^Once · first .+ UTC · last .+ UTC$/);
    await expect(alert).toContainText(DEMO_REJECTION.errorReason);
    await expect(alert.getByRole("link", { name: "View the matching events" })).toBeVisible();

    // From the top of the page down to just below the integration: the header, the banner and the card with its
    // traffic, not the empty page under it. Both must be in the picture whatever their heights.
    const bannerBox = (await banner.boundingBox())!;
    const box = (await card.boundingBox())!;
    expect(bannerBox.y + bannerBox.height).toBeLessThanOrEqual(box.y);
    const height = Math.ceil(box.y + box.height + 32);
    await page.screenshot({ path: SCREENSHOT, fullPage: true, clip: { x: 0, y: 0, width: 1280, height } });
  });
});
