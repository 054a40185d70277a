// Saving where an account's alerts go is audited (SPEC §12), for the brand itself and for staff: the
// address, what happened to the webhook and its host, never the URL (its path is a credential). A save
// that is refused leaves no audit row.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { saveNotificationSettings } from "@/lib/server/alerts/save-notification-settings";
import { createStaffUser } from "@/lib/server/staff/create-staff-user";
import { createTestAccount } from "@/testing/db/factories";

// Public literal addresses: saved without DNS, and nothing is ever posted to them here.
const URL_1 = "https://93.184.216.34/services/T0AUDIT/B0AUDIT/first-path-secret";
const URL_2 = "https://93.184.216.35/services/T0AUDIT/B0AUDIT/second-path-secret";
const auditOf = (accountId: string) =>
  prisma.auditLog.findMany({
    where: { accountId, action: "notifications.save" },
    orderBy: { createdAt: "asc" },
    select: { actor: true, staffUserId: true, targetType: true, targetId: true, details: true, createdAt: true },
  });

describe("auditing the notification settings", () => {
  it("records each save by the brand with what happened to the webhook, never the URL", async () => {
    const account = await createTestAccount();
    const brand = { role: "brand" as const, accountId: account.id };
    const save = (input: { email: string | null; webhookUrl: string | null; removeWebhookUrl: boolean }) =>
      saveNotificationSettings(brand, account.id, input);

    await save({ email: "ops@shop.example", webhookUrl: URL_1, removeWebhookUrl: false });
    await save({ email: "ops@shop.example", webhookUrl: null, removeWebhookUrl: false });
    await save({ email: null, webhookUrl: URL_2, removeWebhookUrl: false });
    await save({ email: null, webhookUrl: null, removeWebhookUrl: true });
    await save({ email: null, webhookUrl: null, removeWebhookUrl: true });

    const rows = await auditOf(account.id);
    expect(rows.map(({ createdAt: _, ...row }) => row)).toEqual(
      [
        { email: "ops@shop.example", webhook: "added", webhookHost: "93.184.216.34" },
        { email: "ops@shop.example", webhook: "kept" },
        { email: null, webhook: "replaced", webhookHost: "93.184.216.35" },
        { email: null, webhook: "removed" },
        { email: null, webhook: "none" },
      ].map((details) => ({ actor: "brand", staffUserId: null, targetType: "account", targetId: account.id, details })),
    );
    expect(JSON.stringify(rows)).not.toMatch(/path-secret|services/);
  });

  it("records staff by id, and refuses a brand saving another account's settings without a row", async () => {
    const account = await createTestAccount();
    const intruder = await createTestAccount();
    const staff = await createStaffUser({ email: "support@portal.example", password: "a long enough password" });

    await saveNotificationSettings({ role: "staff", staffUserId: staff.id }, account.id, {
      email: "ops@shop.example",
      webhookUrl: null,
      removeWebhookUrl: false,
    });
    await expect(
      saveNotificationSettings({ role: "brand", accountId: intruder.id }, account.id, {
        email: "attacker@evil.example",
        webhookUrl: URL_1,
        removeWebhookUrl: false,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Refused by the address policy: nothing saved, nothing audited.
    await expect(
      saveNotificationSettings({ role: "staff", staffUserId: staff.id }, account.id, {
        email: "ops@shop.example",
        webhookUrl: "https://127.0.0.1/hook",
        removeWebhookUrl: false,
      }),
    ).rejects.toMatchObject({ field: "webhookUrl" });

    expect(
      (await auditOf(account.id)).map(({ actor, staffUserId, details }) => ({ actor, staffUserId, details })),
    ).toEqual([{ actor: "staff", staffUserId: staff.id, details: { email: "ops@shop.example", webhook: "none" } }]);
    expect(await prisma.notificationSettings.findUniqueOrThrow({ where: { accountId: account.id } })).toMatchObject({
      email: "ops@shop.example",
      webhookUrlEncrypted: null,
    });
  });
});
