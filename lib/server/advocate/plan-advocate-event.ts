// What one verified Advocate event becomes (SPEC §11), decided from the payload alone so intake stays fast:
// a reward credit to plan, or an event stored as ignored with its reason. Pure (no database, no network).
import { type AdvocateWebhook, REWARD_CREATED, RewardCreatedDataSchema } from "@/lib/advocate/webhook-schema";
import { matchRewardUnit } from "@/lib/mapping/reward-units";

/** PostgreSQL's integer: a larger amount cannot be stored (and is no plausible reward). */
const MAX_AMOUNT = 2_147_483_647;

export type PlannedRewardCredit = {
  rewardId: string;
  advocateAccountId: string;
  advocateUserId: string;
  unit: string;
  /** Lower-case ISO code, from the unit. */
  currency: string;
  /** assignedCredit: minor units of the currency, passed through as the integer it is. */
  amount: number;
};

export type AdvocateEventPlan = { kind: "credit"; credit: PlannedRewardCredit } | { kind: "ignored"; reason: string };

export function planAdvocateEvent(
  event: AdvocateWebhook,
  connection: { rewardUnits: string; isIntegrationEnabled: boolean },
): AdvocateEventPlan {
  if (event.type !== REWARD_CREATED) {
    return { kind: "ignored", reason: `event type ${event.type} does not credit anything (only ${REWARD_CREATED})` };
  }
  if (!connection.isIntegrationEnabled) {
    return { kind: "ignored", reason: "the integration was disabled when this event arrived" };
  }
  const parsed = RewardCreatedDataSchema.safeParse(event.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at data.${issue.path.join(".")}` : "";
    return { kind: "ignored", reason: `unreadable reward${where}: ${issue?.message ?? "invalid"}` };
  }
  const reward = parsed.data;
  if (reward.type !== "CREDIT") {
    return {
      kind: "ignored",
      reason: `reward ${reward.id} is of type ${reward.type}; only CREDIT rewards are credited`,
    };
  }
  const match = matchRewardUnit(reward.unit, connection.rewardUnits);
  if (!match.isMatch) return { kind: "ignored", reason: `reward ${reward.id}: ${match.reason}` };
  const amount = reward.assignedCredit;
  if (amount === null || amount <= 0) {
    return { kind: "ignored", reason: `reward ${reward.id} assigns no credit (assignedCredit ${amount ?? "missing"})` };
  }
  if (amount > MAX_AMOUNT) {
    return {
      kind: "ignored",
      reason: `reward ${reward.id} assigns ${amount} minor units, more than the portal can credit`,
    };
  }
  return {
    kind: "credit",
    credit: {
      rewardId: reward.id,
      advocateAccountId: reward.accountId,
      advocateUserId: reward.userId,
      unit: reward.unit!,
      currency: match.currency,
      amount,
    },
  };
}
