// Connecting, reconnecting and disconnecting Advocate (SPEC §11) against the real database and the fake
// Advocate over HTTP.
import { describe, expect, it } from "vitest";
import type { StaffPrincipal } from "@/lib/auth/principal";
import { advocateConnectionSecret } from "@/lib/crypto/secret-bindings";
import { decryptSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { connectAdvocate } from "@/lib/server/advocate/connect-advocate";
import { disconnectAdvocate } from "@/lib/server/advocate/disconnect-advocate";
import { getAdvocateConnection } from "@/lib/server/advocate/get-advocate-connection";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import { createRewardCredit } from "@/testing/db/reward-factories";
import { brandPrincipalOf } from "@/testing/fakes/connected-advocate";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes({ advocate: true });
const TENANT = "test_acme42";
const KEY = "TEST_advocate_key_1";

async function brandWithIntegration() {
  const { integration, account } = await createTestIntegration();
  fakes.advocate.addTenant({ alias: TENANT, apiKey: KEY });
  return { integration, account, principal: brandPrincipalOf(account) };
}

const webhookUrlOf = (integrationId: string) => `${fakes.publicUrl}/api/webhooks/advocate/${integrationId}`;

async function staffPrincipal(): Promise<StaffPrincipal> {
  const staff = await prisma.staffUser.create({ data: { email: `s${Date.now()}@portal.test`, passwordHash: "x" } });
  return { role: "staff", staffUserId: staff.id, email: staff.email };
}

describe("connectAdvocate", () => {
  it("proves the key, registers the portal's endpoint once, stores the key sealed to its row, and audits", async () => {
    const { integration, principal } = await brandWithIntegration();

    const view = await connectAdvocate(principal, integration.id, {
      tenantAlias: TENANT,
      apiKey: KEY,
      rewardUnits: "STRIPE/USD,STRIPE/EUR",
    });

    expect(view).toEqual({
      integrationId: integration.id,
      tenantAlias: TENANT,
      rewardUnits: "STRIPE/USD,STRIPE/EUR",
      isTestTenant: true,
      connectedAt: expect.any(Date),
      lastRewardAt: null,
      webhookUrl: webhookUrlOf(integration.id),
    });
    expect(JSON.stringify(view)).not.toContain(KEY);
    expect(fakes.advocate.subscriptions(TENANT)).toEqual([
      expect.objectContaining({ endpointUrl: webhookUrlOf(integration.id) }),
    ]);
    expect(fakes.advocate.requests().map((request) => `${request.method} ${request.path} ${request.apiKey}`)).toEqual([
      `GET /api/v1/${TENANT}/subscription ${KEY}`,
      `POST /api/v1/${TENANT}/subscription ${KEY}`,
    ]);
    const row = await prisma.advocateConnection.findUniqueOrThrow({ where: { integrationId: integration.id } });
    expect(row.apiKeyEncrypted).not.toContain(KEY);
    expect(decryptSecret(row.apiKeyEncrypted, advocateConnectionSecret(row.id))).toBe(KEY);
    expect(row.subscriptionEndpointUrl).toBe(webhookUrlOf(integration.id));
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "advocate.connect", targetId: integration.id },
    });
    expect(audit).toMatchObject({ actor: "brand", accountId: integration.accountId, targetId: integration.id });
  });

  it("reconnecting with new values updates the row and keeps the one subscription", async () => {
    const { integration, principal } = await brandWithIntegration();
    await connectAdvocate(principal, integration.id, { tenantAlias: TENANT, apiKey: KEY });

    const view = await connectAdvocate(principal, integration.id, {
      tenantAlias: TENANT,
      apiKey: KEY,
      rewardUnits: "STRIPE/JPY",
    });

    expect(view.rewardUnits).toBe("STRIPE/JPY");
    expect(fakes.advocate.subscriptions(TENANT)).toHaveLength(1);
    expect(await prisma.advocateConnection.count({ where: { integrationId: integration.id } })).toBe(1);
  });

  it("keeps the saved key when the field is left empty for the same tenant, and asks for one otherwise", async () => {
    const { integration, principal } = await brandWithIntegration();
    await expect(connectAdvocate(principal, integration.id, { tenantAlias: TENANT, apiKey: "" })).rejects.toMatchObject(
      {
        field: "apiKey",
        message: "Enter the Advocate API key of this tenant.",
      },
    );
    await connectAdvocate(principal, integration.id, { tenantAlias: TENANT, apiKey: KEY });

    const view = await connectAdvocate(principal, integration.id, {
      tenantAlias: TENANT,
      apiKey: "  ",
      rewardUnits: "STRIPE/USD",
    });

    expect(view.rewardUnits).toBe("STRIPE/USD");
    const row = await prisma.advocateConnection.findUniqueOrThrow({ where: { integrationId: integration.id } });
    expect(decryptSecret(row.apiKeyEncrypted, advocateConnectionSecret(row.id))).toBe(KEY);
    expect(fakes.advocate.requests().at(-1)?.apiKey).toBe(KEY); // the saved key was checked with Advocate again
    await expect(
      connectAdvocate(principal, integration.id, { tenantAlias: "test_other", apiKey: "" }),
    ).rejects.toMatchObject({
      field: "apiKey",
      message: `Enter the API key of test_other: the saved key belongs to ${TENANT}.`,
    });
  });

  it("moving to another tenant registers there and removes the old tenant's subscription", async () => {
    const { integration, principal } = await brandWithIntegration();
    fakes.advocate.addTenant({ alias: "test_other", apiKey: "TEST_other_key" });
    await connectAdvocate(principal, integration.id, { tenantAlias: TENANT, apiKey: KEY });

    await connectAdvocate(principal, integration.id, { tenantAlias: "test_other", apiKey: "TEST_other_key" });

    expect(fakes.advocate.subscriptions(TENANT)).toEqual([]);
    expect(fakes.advocate.subscriptions("test_other")).toHaveLength(1);
    const row = await prisma.advocateConnection.findUniqueOrThrow({ where: { integrationId: integration.id } });
    expect(decryptSecret(row.apiKeyEncrypted, advocateConnectionSecret(row.id))).toBe("TEST_other_key");
  });

  it("refuses a wrong key on the API key field and stores nothing", async () => {
    const { integration, principal } = await brandWithIntegration();

    const refused = connectAdvocate(principal, integration.id, { tenantAlias: TENANT, apiKey: "TEST_wrong" });

    await expect(refused).rejects.toMatchObject({
      code: "UPSTREAM_REJECTED",
      field: "apiKey",
      message: expect.stringMatching(/^invalid Advocate API key: Advocate refused it for tenant test_acme42/),
    });
    expect(fakes.advocate.subscriptions(TENANT)).toEqual([]);
    expect(await prisma.advocateConnection.count({ where: { integrationId: integration.id } })).toBe(0);
  });

  it("a test tenant only with a test-mode integration, a live one only with live", async () => {
    const { integration, principal } = await brandWithIntegration();
    await expect(
      connectAdvocate(principal, integration.id, { tenantAlias: "acme42", apiKey: KEY }),
    ).rejects.toMatchObject({
      field: "tenantAlias",
      message: expect.stringContaining("acme42 is a live tenant, but this integration uses a test Stripe key"),
    });
    await prisma.integration.update({ where: { id: integration.id }, data: { mode: "live" } });
    await expect(
      connectAdvocate(principal, integration.id, { tenantAlias: TENANT, apiKey: KEY }),
    ).rejects.toMatchObject({
      field: "tenantAlias",
      message: expect.stringContaining("test_acme42 is a test tenant, but this integration uses a live Stripe key"),
    });
    expect(fakes.advocate.requests()).toEqual([]);
  });

  it("says Advocate is unreachable when the connection drops, and changes nothing", async () => {
    const { integration, principal } = await brandWithIntegration();
    fakes.advocate.failNext({ path: "/subscription", action: { kind: "reset" } });

    await expect(
      connectAdvocate(principal, integration.id, { tenantAlias: TENANT, apiKey: KEY }),
    ).rejects.toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
      message: expect.stringMatching(/^Advocate unreachable while checking the key .*Nothing was changed/),
    });
    expect(await prisma.advocateConnection.count({ where: { integrationId: integration.id } })).toBe(0);
  });

  it("refuses invalid input with the field's message, before any request", async () => {
    const { integration, principal } = await brandWithIntegration();
    await expect(
      connectAdvocate(principal, integration.id, { tenantAlias: TENANT, apiKey: KEY, rewardUnits: "STRIPE/usd" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", field: "rewardUnits" });
    expect(fakes.advocate.requests()).toEqual([]);
  });

  it("another account's brand cannot connect (not found); staff can, audited under their id", async () => {
    const { integration } = await brandWithIntegration();
    const stranger = brandPrincipalOf(await createTestAccount());
    await expect(connectAdvocate(stranger, integration.id, { tenantAlias: TENANT, apiKey: KEY })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );
    expect(fakes.advocate.requests()).toEqual([]);

    const staff = await staffPrincipal();
    await connectAdvocate(staff, integration.id, { tenantAlias: TENANT, apiKey: KEY });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "advocate.connect", targetId: integration.id },
    });
    expect(audit).toMatchObject({ actor: "staff", staffUserId: staff.staffUserId, accountId: integration.accountId });
  });
});

describe("getAdvocateConnection", () => {
  it("null before connecting, the view after, not found for another account", async () => {
    const { integration, principal } = await brandWithIntegration();
    expect(await getAdvocateConnection(principal, integration.id)).toBeNull();
    await connectAdvocate(principal, integration.id, { tenantAlias: TENANT, apiKey: KEY });
    expect(await getAdvocateConnection(principal, integration.id)).toMatchObject({
      tenantAlias: TENANT,
      rewardUnits: "STRIPE/*",
    });
    const stranger = brandPrincipalOf(await createTestAccount());
    await expect(getAdvocateConnection(stranger, integration.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("disconnectAdvocate", () => {
  it("deletes the subscription at Advocate, then the row; the rewards stay", async () => {
    const { integration, principal } = await brandWithIntegration();
    await connectAdvocate(principal, integration.id, { tenantAlias: TENANT, apiKey: KEY });
    const { credit } = await createRewardCredit(integration, { tenantAlias: TENANT, status: "credited" });

    await disconnectAdvocate(principal, integration.id);

    expect(fakes.advocate.subscriptions(TENANT)).toEqual([]);
    expect(fakes.advocate.requests({ method: "DELETE" })).toEqual([
      expect.objectContaining({
        path: `/api/v1/${TENANT}/subscription/${encodeURIComponent(webhookUrlOf(integration.id))}`,
      }),
    ]);
    expect(await prisma.advocateConnection.count({ where: { integrationId: integration.id } })).toBe(0);
    expect(await prisma.rewardCredit.findUnique({ where: { id: credit.id } })).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "advocate.disconnect", targetId: integration.id } })).toBe(1);
  });

  it("a subscription already gone at Advocate (404) is fine", async () => {
    const { integration, principal } = await brandWithIntegration();
    await connectAdvocate(principal, integration.id, { tenantAlias: TENANT, apiKey: KEY });
    fakes.advocate.failNext({ method: "DELETE", path: "/subscription/", action: { kind: "error", status: 404 } });

    await disconnectAdvocate(principal, integration.id);

    expect(await prisma.advocateConnection.count({ where: { integrationId: integration.id } })).toBe(0);
  });

  it("keeps the row when Advocate refuses the saved key, so the brand can fix it and retry", async () => {
    const { integration, principal } = await brandWithIntegration();
    await connectAdvocate(principal, integration.id, { tenantAlias: TENANT, apiKey: KEY });
    fakes.advocate.failNext({ method: "DELETE", path: "/subscription/", action: { kind: "error", status: 401 } });

    await expect(disconnectAdvocate(principal, integration.id)).rejects.toMatchObject({
      code: "UPSTREAM_REJECTED",
      message: expect.stringContaining("Advocate rejects the saved API key"),
    });
    expect(await prisma.advocateConnection.count({ where: { integrationId: integration.id } })).toBe(1);
  });

  it("another account's brand cannot disconnect", async () => {
    const { integration, principal } = await brandWithIntegration();
    await connectAdvocate(principal, integration.id, { tenantAlias: TENANT, apiKey: KEY });
    const stranger = brandPrincipalOf(await createTestAccount());
    await expect(disconnectAdvocate(stranger, integration.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await prisma.advocateConnection.count({ where: { integrationId: integration.id } })).toBe(1);
  });
});
