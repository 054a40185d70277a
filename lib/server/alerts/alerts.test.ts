// Alerts in the real database (SPEC §12): one open row per integration and kind however many raise it at
// once, cleared by its cause or by a person (audited, scoped by account), and the banner's query.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AlertKind } from "@/lib/generated/prisma/enums";
import { dismissAlert } from "@/lib/server/alerts/dismiss-alert";
import { findOpenAlerts } from "@/lib/server/alerts/find-open-alerts";
import { raiseAlert } from "@/lib/server/alerts/raise-alert";
import { resolveAlerts } from "@/lib/server/alerts/resolve-alerts";
import { resolveDeliveryAlerts } from "@/lib/server/alerts/resolve-delivery-alerts";
import { markDelivered } from "@/lib/server/deliveries/mark-delivered";
import { replayDelivery } from "@/lib/server/deliveries/replay-delivery";
import { ALERT_KINDS, alertEventsPath } from "@/lib/views/alert-view";
import { createTestEvent } from "@/testing/db/event-factories";
import { createTestIntegration } from "@/testing/db/factories";

const alertsOf = (integrationId: string) =>
  prisma.alert.findMany({ where: { integrationId }, orderBy: { firstSeenAt: "asc" } });

const windowOf = (integrationId: string, kind: AlertKind) =>
  prisma.alertNotificationWindow.findUnique({ where: { integrationId_kind: { integrationId, kind } } });

describe("alert kinds", () => {
  it("are exactly Prisma's AlertKind (a new kind must reach every banner and message)", () => {
    expect([...ALERT_KINDS].sort()).toEqual(Object.values(AlertKind).sort());
  });

  it("link to the integration's events of the matching status", () => {
    expect(alertEventsPath({ integrationId: "cint1", kind: "delivery_rejected" })).toBe(
      "/events?integration=cint1&status=rejected",
    );
    expect(alertEventsPath({ integrationId: "cint1", kind: "stripe_endpoint_missing" })).toBe(
      "/events?integration=cint1",
    );
    expect(
      alertEventsPath({ integrationId: "cint1", kind: "delivery_exhausted", accountId: "acc1" }, "/support/events"),
    ).toBe("/support/events?account=acc1&integration=cint1&status=exhausted");
  });
});

describe("raiseAlert", () => {
  it("opens one alert and bumps it on a repeat: count, lastSeenAt and the latest detail", async () => {
    const { integration } = await createTestIntegration();
    const first = new Date("2026-12-04T05:00:00Z");
    const second = new Date("2026-12-04T05:20:00Z");
    await raiseAlert({ integrationId: integration.id, kind: "delivery_rejected", detail: "Order in_1: no" }, first);
    await raiseAlert({ integrationId: integration.id, kind: "delivery_rejected", detail: "Order in_2: no" }, second);

    const alerts = await alertsOf(integration.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      accountId: integration.accountId,
      kind: "delivery_rejected",
      count: 2,
      firstSeenAt: first,
      lastSeenAt: second,
      detail: "Order in_2: no",
      clearedAt: null,
    });
    expect(await windowOf(integration.id, "delivery_rejected")).toMatchObject({
      unsentCount: 2,
      pendingSince: first,
      lastSentAt: null,
    });
  });

  it("keeps one open row under 20 concurrent raises, all of them counted", async () => {
    const { integration } = await createTestIntegration();
    const raise = () => raiseAlert({ integrationId: integration.id, kind: "impact_token_refused", detail: "401" });
    await Promise.all(Array.from({ length: 20 }, raise));

    const alerts = await alertsOf(integration.id);
    expect(alerts.map((alert) => alert.count)).toEqual([20]);
    expect((await windowOf(integration.id, "impact_token_refused"))?.unsentCount).toBe(20);
  });

  it("keeps kinds and integrations apart, and raises nothing for an integration that is gone", async () => {
    const { integration } = await createTestIntegration();
    const { integration: other } = await createTestIntegration({ accountId: integration.accountId });
    await raiseAlert({ integrationId: integration.id, kind: "delivery_rejected", detail: "a" });
    await raiseAlert({ integrationId: integration.id, kind: "delivery_exhausted", detail: "b" });
    await raiseAlert({ integrationId: other.id, kind: "delivery_rejected", detail: "c" });
    await raiseAlert({ integrationId: "cintgone", kind: "delivery_rejected", detail: "d" });

    expect((await alertsOf(integration.id)).map((alert) => [alert.kind, alert.count])).toEqual([
      ["delivery_rejected", 1],
      ["delivery_exhausted", 1],
    ]);
    expect(await prisma.alert.count({ where: { integrationId: "cintgone" } })).toBe(0);
    expect(await prisma.alertNotificationWindow.count({ where: { integrationId: "cintgone" } })).toBe(0);
  });

  it("bounds a long detail", async () => {
    const { integration } = await createTestIntegration();
    await raiseAlert({ integrationId: integration.id, kind: "delivery_rejected", detail: "x".repeat(5_000) });
    expect((await alertsOf(integration.id))[0]!.detail).toHaveLength(500);
  });
});

describe("clearing", () => {
  it("resolves only the named kinds; the next occurrence opens a new alert", async () => {
    const { integration } = await createTestIntegration();
    await raiseAlert({ integrationId: integration.id, kind: "stripe_endpoint_disabled", detail: "off" });
    await raiseAlert({ integrationId: integration.id, kind: "stripe_key_refused", detail: "401" });

    expect(await resolveAlerts(integration.id, ["stripe_endpoint_disabled"])).toBe(1);
    expect(await resolveAlerts(integration.id, ["stripe_endpoint_disabled"])).toBe(0);
    await raiseAlert({ integrationId: integration.id, kind: "stripe_endpoint_disabled", detail: "off again" });

    const alerts = await alertsOf(integration.id);
    expect(alerts.map((alert) => [alert.kind, alert.clearedReason, alert.count])).toEqual([
      ["stripe_endpoint_disabled", "resolved", 1],
      ["stripe_key_refused", null, 1],
      ["stripe_endpoint_disabled", null, 1],
    ]);
  });

  it("resolves a delivery alert once no delivery of its status is left: Send again, Mark as delivered", async () => {
    const { integration } = await createTestIntegration();
    const scope = { role: "brand" as const, accountId: integration.accountId };
    const rejected = await createTestEvent(integration, { outcome: "rejected" });
    const unknown = await createTestEvent(integration, { outcome: "unknown" });
    const stillRejected = await createTestEvent(integration, { outcome: "rejected" });
    await raiseAlert({ integrationId: integration.id, kind: "delivery_rejected", detail: "rejected" });
    await raiseAlert({ integrationId: integration.id, kind: "delivery_unknown", detail: "unknown" });
    const openKinds = async () =>
      (await findOpenAlerts(integration.accountId, integration.id)).map((alert) => alert.kind).sort();

    await replayDelivery(scope, rejected.delivery!.id);
    expect(await openKinds()).toEqual(["delivery_rejected", "delivery_unknown"]);
    await markDelivered(scope, unknown.delivery!.id);
    expect(await openKinds()).toEqual(["delivery_rejected"]);
    await replayDelivery(scope, stillRejected.delivery!.id);
    expect(await openKinds()).toEqual([]);
  });

  it("sweeps every account when unscoped, and leaves other accounts alone when scoped", async () => {
    const { integration: mine } = await createTestIntegration();
    const { integration: theirs } = await createTestIntegration();
    for (const integration of [mine, theirs])
      await raiseAlert({ integrationId: integration.id, kind: "delivery_exhausted", detail: "gone" });

    await resolveDeliveryAlerts({ accountId: mine.accountId });
    expect((await alertsOf(mine.id))[0]!.clearedReason).toBe("resolved");
    expect((await alertsOf(theirs.id))[0]!.clearedAt).toBeNull();
    await resolveDeliveryAlerts();
    expect((await alertsOf(theirs.id))[0]!.clearedReason).toBe("resolved");
  });

  it("dismisses for the account's own brand or staff, audited; another account gets NOT_FOUND", async () => {
    const { integration } = await createTestIntegration();
    const { integration: intruder } = await createTestIntegration();
    await raiseAlert({ integrationId: integration.id, kind: "delivery_rejected", detail: "rejected" });
    const [alert] = await findOpenAlerts(integration.accountId);

    await expect(dismissAlert({ role: "brand", accountId: intruder.accountId }, alert!.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await findOpenAlerts(integration.accountId)).toHaveLength(1);

    await dismissAlert({ role: "brand", accountId: integration.accountId }, alert!.id);
    expect(await findOpenAlerts(integration.accountId)).toEqual([]);
    expect((await alertsOf(integration.id))[0]!.clearedReason).toBe("dismissed");
    await expect(dismissAlert({ role: "brand", accountId: integration.accountId }, alert!.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const audit = await prisma.auditLog.findMany({ where: { action: "alert.dismiss", targetId: alert!.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        actor: "brand",
        staffUserId: null,
        accountId: integration.accountId,
        targetType: "alert",
        details: { integrationId: integration.id, kind: "delivery_rejected", count: 1 },
      }),
    ]);
  });
});

describe("findOpenAlerts", () => {
  it("answers the account's open alerts, or one integration's, with the banner's words", async () => {
    const { integration } = await createTestIntegration();
    const { integration: second } = await createTestIntegration({ accountId: integration.accountId });
    await raiseAlert(
      { integrationId: integration.id, kind: "delivery_exhausted", detail: "gave up" },
      new Date("2026-12-04T05:00:00Z"),
    );
    await raiseAlert(
      { integrationId: second.id, kind: "stripe_endpoint_missing", detail: "gone" },
      new Date("2026-12-04T06:00:00Z"),
    );

    const all = await findOpenAlerts(integration.accountId);
    expect(all.map((alert) => alert.kind)).toEqual(["stripe_endpoint_missing", "delivery_exhausted"]);
    expect(all[1]).toMatchObject({
      integrationId: integration.id,
      siteUrl: integration.siteUrl,
      title: "Deliveries gave up after every retry",
      count: 1,
      firstSeenAt: "2026-12-04T05:00:00.000Z",
      lastSeenAt: "2026-12-04T05:00:00.000Z",
      detail: "gave up",
    });
    expect((await findOpenAlerts(integration.accountId, second.id)).map((alert) => alert.kind)).toEqual([
      "stripe_endpoint_missing",
    ]);
  });
});
