// Try again (SPEC §11) on rows in every state, against the real database; the hand-off is the real local
// runner, which only wakes a registered worker (none here), so nothing runs behind the test's back.
import { describe, expect, it } from "vitest";
import type { StaffPrincipal } from "@/lib/auth/principal";
import { prisma } from "@/lib/db";
import { retryRewardCredit } from "@/lib/server/rewards/retry-reward-credit";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import { createRewardCredit } from "@/testing/db/reward-factories";
import { brandPrincipalOf } from "@/testing/fakes/connected-advocate";

async function brandWithIntegration() {
  const { integration, account } = await createTestIntegration();
  return { integration, principal: brandPrincipalOf(account) };
}

describe("retryRewardCredit", () => {
  it("starts a credit that needs mapping, failed or was exhausted over as a new generation, keeping an in-flight mark", async () => {
    const { integration, principal } = await brandWithIntegration();
    for (const status of ["needs_mapping", "failed", "exhausted"] as const) {
      const { credit } = await createRewardCredit(integration, { status, attemptCount: 3 });
      const inFlight = new Date(Date.now() - 60_000);
      await prisma.rewardCredit.update({
        where: { id: credit.id },
        data: { creditInFlightSince: inFlight, pendingSince: new Date() },
      });

      expect(await retryRewardCredit(principal, credit.id)).toEqual({
        isRetried: true,
        status: "pending",
        redeemStatus: "not_due",
      });
      const row = await prisma.rewardCredit.findUniqueOrThrow({ where: { id: credit.id } });
      expect(row).toMatchObject({
        status: "pending",
        reason: null,
        attemptCount: 0,
        generation: credit.generation + 1,
        pendingSince: null,
        // A try whose Stripe outcome is unknown is looked up by the next one, never forgotten by a click.
        creditInFlightSince: inFlight,
        stripeCustomerId: credit.stripeCustomerId,
      });
      expect(row.dueAt!.getTime()).toBeLessThanOrEqual(Date.now());
    }
  });

  it("tries only the redeem of a credited reward whose redeem failed; a credited and redeemed one is refused", async () => {
    const { integration, principal } = await brandWithIntegration();
    const { credit: redeemFailed } = await createRewardCredit(integration, {
      status: "credited",
      redeemStatus: "failed",
    });
    const { credit: done } = await createRewardCredit(integration, { status: "credited" });

    expect(await retryRewardCredit(principal, redeemFailed.id)).toEqual({
      isRetried: true,
      status: "credited",
      redeemStatus: "pending",
    });
    expect(await prisma.rewardCredit.findUniqueOrThrow({ where: { id: redeemFailed.id } })).toMatchObject({
      status: "credited",
      stripeBalanceTransactionId: redeemFailed.stripeBalanceTransactionId,
      redeemAttemptCount: 0,
    });
    await expect(retryRewardCredit(principal, done.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This reward is already credited on Stripe; trying again would credit it twice.",
    });
  });

  it("changes nothing for pending and retrying credits, refuses skipped ones, and never takes a live lease", async () => {
    const { integration, principal } = await brandWithIntegration();
    const { credit: pending } = await createRewardCredit(integration, { status: "pending" });
    const { credit: skipped } = await createRewardCredit(integration, { status: "skipped" });
    const { credit: leased } = await createRewardCredit(integration, { status: "failed" });
    await prisma.rewardCredit.update({
      where: { id: leased.id },
      data: { leaseToken: "someone", leaseUntil: new Date(Date.now() + 60_000) },
    });

    expect(await retryRewardCredit(principal, pending.id)).toEqual({
      isRetried: false,
      status: "pending",
      redeemStatus: "not_due",
    });
    await expect(retryRewardCredit(principal, skipped.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(retryRewardCredit(principal, leased.id)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await prisma.rewardCredit.findUniqueOrThrow({ where: { id: leased.id } })).generation).toBe(
      leased.generation,
    );
  });

  it("of two concurrent clicks exactly one retries", async () => {
    const { integration, principal } = await brandWithIntegration();
    const { credit } = await createRewardCredit(integration, { status: "failed" });

    const results = await Promise.all([
      retryRewardCredit(principal, credit.id),
      retryRewardCredit(principal, credit.id),
    ]);

    expect(results.filter((result) => result.isRetried)).toHaveLength(1);
    expect((await prisma.rewardCredit.findUniqueOrThrow({ where: { id: credit.id } })).generation).toBe(
      credit.generation + 1,
    );
  });

  it("another account's brand cannot retry (not found); staff can, audited with the status it retried", async () => {
    const { integration } = await brandWithIntegration();
    const { credit } = await createRewardCredit(integration, { status: "needs_mapping" });
    const stranger = brandPrincipalOf(await createTestAccount());
    await expect(retryRewardCredit(stranger, credit.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await prisma.rewardCredit.findUniqueOrThrow({ where: { id: credit.id } })).toMatchObject({
      status: "needs_mapping",
    });

    const staffUser = await prisma.staffUser.create({ data: { email: "support@portal.test", passwordHash: "x" } });
    const staff: StaffPrincipal = { role: "staff", staffUserId: staffUser.id, email: staffUser.email };
    expect((await retryRewardCredit(staff, credit.id)).isRetried).toBe(true);
    expect(
      await prisma.auditLog.findFirstOrThrow({ where: { action: "reward.retry", targetId: credit.id } }),
    ).toMatchObject({
      actor: "staff",
      staffUserId: staffUser.id,
      accountId: integration.accountId,
      targetType: "reward",
      details: expect.objectContaining({ previousStatus: "needs_mapping", retry: "credit-again" }),
    });
  });
});
