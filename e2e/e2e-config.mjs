// One place for the addresses and secrets the browser tests run with.
import { databaseUrlOn, testDatabaseServerUrl, worldPortalEnv } from "../testing/worlds/world-env.mjs";

const databaseServerUrl = testDatabaseServerUrl();
const databaseName = "portal_e2e";
const stripePort = 12311;
const impactPort = 12312;
const advocatePort = 12313;
const portalPort = 3210;
// Fixed test-only secrets: the specs need AUTH_SECRET to forge an expired session.
const authSecret = "e2e-auth-secret-e2e-auth-secret-e2e-auth-secret";

export const E2E = {
  databaseServerUrl,
  databaseName,
  stripePort,
  impactPort,
  advocatePort,
  portalPort,
  portalUrl: `http://127.0.0.1:${portalPort}`,
  stripeUrl: `http://127.0.0.1:${stripePort}`,
  impactUrl: `http://127.0.0.1:${impactPort}`,
  advocateUrl: `http://127.0.0.1:${advocatePort}`,
  authSecret,
  portalEnv: worldPortalEnv({
    databaseUrl: databaseUrlOn(databaseServerUrl, databaseName),
    portalPort,
    stripePort,
    impactPort,
    advocatePort,
    authSecret,
    encryptionKey: Buffer.alloc(32, 7).toString("base64"),
    retryBaseDelay: "1s",
  }),
};
