// `POST /credit/{rewardId}/redeem` as Advocate behaves: NOT idempotent (each call adds its amount), and
// refused once the redemptions would pass the assigned credit — the reason the portal redeems exactly once.
import { randomBytes } from "node:crypto";
import { advocateError } from "@/testing/fakes/advocate/errors";
import { type FakeAdvocateTenant, rewardView } from "@/testing/fakes/advocate/state";

export function redeemCredit(
  tenant: FakeAdvocateTenant,
  rewardId: string,
  body: unknown,
): { status: number; body: unknown } {
  const refuse = (status: number, message: string, code: string) => ({
    status,
    body: advocateError(status, message, code),
  });
  const reward = tenant.rewards.get(rewardId);
  if (!reward) return refuse(404, `Reward ${rewardId} not found`, "REWARD_NOT_FOUND");
  if (reward.type !== "CREDIT") return refuse(400, "Only CREDIT rewards can be redeemed", "REWARD_NOT_CREDIT");
  const input = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const { amount, unit } = input;
  if (typeof amount !== "number" || !Number.isInteger(amount) || amount <= 0) {
    return refuse(400, "amount must be a positive whole number", "INVALID_REQUEST");
  }
  if (typeof unit !== "string" || unit !== reward.unit) {
    return refuse(400, `unit must be ${reward.unit}`, "UNIT_MISMATCH");
  }
  const view = rewardView(reward);
  if (view.statuses?.some((status) => status === "CANCELLED" || status === "EXPIRED" || status === "PENDING")) {
    return refuse(400, `Reward ${rewardId} is ${view.statuses.join(", ").toLowerCase()}`, "REWARD_NOT_AVAILABLE");
  }
  const redeemed = reward.redeemedCredit ?? 0;
  if (redeemed + amount > (reward.assignedCredit ?? 0)) {
    return refuse(400, "Not enough credit left on this reward to redeem that amount", "INSUFFICIENT_CREDIT");
  }
  reward.redeemedCredit = redeemed + amount;
  reward.redemptions.push({ id: `red_${randomBytes(6).toString("hex")}`, amount, unit, dateRedeemed: Date.now() });
  return { status: 200, body: rewardView(reward) };
}
