import { defineConfig } from "@playwright/test";
import { E2E } from "@/e2e/e2e-config.mjs";

// Real Chromium from Debian (no browser download here), against the built portal
// (`next build` runs first in `npm test`) and the two fakes as separate processes.
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: E2E.portalUrl,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: [
    {
      command: `./node_modules/.bin/tsx scripts/dev-fakes.ts --stripe-port ${E2E.stripePort} --impact-port ${E2E.impactPort} --advocate-port ${E2E.advocatePort} --complete-after-ms 200`,
      url: `${E2E.impactUrl}/_fake/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node scripts/e2e-server.mjs",
      url: `${E2E.portalUrl}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
