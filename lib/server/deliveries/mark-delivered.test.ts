// "Mark as delivered" for a send whose outcome is unknown (SPEC §6): scoped, only from unknown, audited for staff.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { markDelivered } from "@/lib/server/deliveries/mark-delivered";
import type { EventScope } from "@/lib/server/events/event-scope";
import { createStaffUser } from "@/lib/server/staff/create-staff-user";
import { DELIVERY_STATUSES } from "@/lib/views/event-view";
import { createTestEvent, type TestEventOptions } from "@/testing/db/event-factories";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";

async function brandWith(outcome: TestEventOptions["outcome"], options: TestEventOptions = {}) {
  const { integration, account } = await createTestIntegration();
  const { delivery } = await createTestEvent(integration, { outcome, ...options });
  const scope: EventScope = { role: "brand", accountId: integration.accountId };
  return { scope, delivery: delivery!, account };
}

const deliveryRow = (id: string) =>
  prisma.delivery.findUniqueOrThrow({ where: { id }, include: { stripeEvent: { select: { outcome: true } } } });

describe("markDelivered", () => {
  it("records an unknown send as delivered, with the event, noting which brand marked it, without sending", async () => {
    const { scope, delivery, account } = await brandWith("unknown");
    const before = Date.now();

    const result = await markDelivered(scope, delivery.id);

    const row = await deliveryRow(delivery.id);
    expect(result).toEqual({ status: "delivered", deliveredAt: row.deliveredAt!.toISOString() });
    expect(row).toMatchObject({ status: "delivered", dueAt: null, generation: 0, attemptCount: delivery.attemptCount });
    expect(row.deliveredAt!.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(row.lastError).toMatch(new RegExp(`^Marked as delivered by ${account.companyName} \\(brand\\) at `));
    expect(row.stripeEvent.outcome).toBe("delivered");
    // The brand's own mark is audited too, with the brand as the actor.
    expect(await prisma.auditLog.findMany({ where: { targetId: delivery.id } })).toMatchObject([
      { actor: "brand", staffUserId: null, action: "delivery.mark-delivered", accountId: account.id },
    ]);
  });

  it("refuses every other status with a clear CONFLICT and changes nothing", async () => {
    const others = DELIVERY_STATUSES.filter((status) => status !== "unknown");
    for (const status of others) {
      const { scope, delivery } = await brandWith(status);
      await expect(markDelivered(scope, delivery.id)).rejects.toMatchObject({
        code: "CONFLICT",
        message: `Only a delivery whose outcome is unknown can be marked as delivered; this one is ${status}.`,
      });
      expect(await deliveryRow(delivery.id)).toMatchObject({ status, lastError: delivery.lastError });
    }
  });

  it("marks once: a second click finds it delivered", async () => {
    const { scope, delivery } = await brandWith("unknown");
    const results = await Promise.allSettled([markDelivered(scope, delivery.id), markDelivered(scope, delivery.id)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({
      reason: { code: "CONFLICT", message: expect.stringMatching(/this one is delivered/) },
    });
  });

  it("never takes the lease of an attempt in flight", async () => {
    const { scope, delivery } = await brandWith("unknown", { leaseUntil: new Date(Date.now() + 60_000) });
    await expect(markDelivered(scope, delivery.id)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "unknown" });
  });

  it("answers NOT_FOUND for another account's delivery and for unknown ids", async () => {
    const { delivery } = await brandWith("unknown");
    const stranger: EventScope = { role: "brand", accountId: (await createTestAccount()).id };
    await expect(markDelivered(stranger, delivery.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(markDelivered(stranger, "does-not-exist")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "unknown" });
  });

  it("lets staff mark any account's delivery, naming them, and audits it in the same transaction", async () => {
    const { delivery, account } = await brandWith("unknown", { generation: 2 });
    const email = `mark-${delivery.id}@example.com`;
    const staffUser = await createStaffUser({ email, password: "a long enough password" });
    const staff: EventScope = { role: "staff", staffUserId: staffUser.id };

    await markDelivered(staff, delivery.id);

    expect((await deliveryRow(delivery.id)).lastError).toMatch(`Marked as delivered by support (${email}) at `);
    const audit = await prisma.auditLog.findMany({ where: { targetId: delivery.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        staffUserId: staffUser.id,
        action: "delivery.mark-delivered",
        accountId: account.id,
        targetType: "delivery",
        details: { generation: 2, previousStatus: "unknown" },
      }),
    ]);

    // Refused: nothing changed, nothing audited.
    await expect(markDelivered(staff, delivery.id)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await prisma.auditLog.count({ where: { targetId: delivery.id } })).toBe(1);
  });
});
