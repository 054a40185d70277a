import { expect, type Page } from "@playwright/test";
import type { SeededBrand } from "@/e2e/support/seed-fakes";

export type IntegrationFormValues = {
  siteUrl?: string;
  programId?: string;
  eventTypeId?: string;
  recurringEventTypeId?: string;
};

/** Creates an integration through the real form (the brand is signed in); returns its id. */
export async function createIntegrationThroughForm(
  page: Page,
  brand: SeededBrand,
  apiKey: string,
  values: IntegrationFormValues = {},
): Promise<string> {
  await page.goto("/integrations/new");
  const fields: Record<string, string> = {
    URL: values.siteUrl ?? "https://shop.e2e.example.com",
    "Auth Token": brand.deliveryToken,
    "Program ID": values.programId ?? "1001",
    "Event Type ID": values.eventTypeId ?? "2002",
    "Recurring Event Tracker ID": values.recurringEventTypeId ?? "3003",
    "API Key": apiKey,
  };
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Create integration" }).click();
  await page.waitForURL(/\/integrations\/c[a-z0-9]+$/);
  await expect(page.getByTestId("webhook-url")).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}
