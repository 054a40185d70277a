import { describe, expect, it } from "vitest";
import { AdvocateWebhookSchema, RewardCreatedDataSchema } from "@/lib/advocate/webhook-schema";

const envelope = {
  id: "evt_1",
  type: "reward.created",
  tenantAlias: "test_acme",
  live: false,
  created: 1_800_000_000_000,
};
const reward = {
  id: "rew_1",
  type: "CREDIT",
  dateCreated: 1_800_000_000_000,
  accountId: "a1",
  userId: "u1",
  cancellable: true,
  rewardSource: "FRIEND_SIGNUP",
  unit: "STRIPE/USD",
  assignedCredit: 2500,
  redeemedCredit: 0,
  redemptions: [],
  currency: "USD",
};

describe("AdvocateWebhookSchema", () => {
  it("reads the envelope of any event type, keeping data as it came", () => {
    const parsed = AdvocateWebhookSchema.parse({ ...envelope, type: "user.created", data: { anything: 1 } });
    expect(parsed).toMatchObject({ type: "user.created", data: { anything: 1 } });
  });

  it.each([
    [{ id: "" }, "an Advocate webhook has an id"],
    [{ tenantAlias: undefined }, "an Advocate webhook names its tenantAlias"],
    [{ live: "no" }, "live must be true or false"],
    [{ created: "2026-01-01" }, "created is milliseconds since the epoch"],
  ])("refuses %j with %s", (change, message) => {
    const result = AdvocateWebhookSchema.safeParse({ ...envelope, data: {}, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});

describe("RewardCreatedDataSchema", () => {
  it("reads a CREDIT reward, absent optional dates as null", () => {
    const parsed = RewardCreatedDataSchema.parse(reward);
    expect(parsed).toMatchObject({ unit: "STRIPE/USD", assignedCredit: 2500, dateGiven: null, dateExpires: null });
  });

  it("reads a PCT_DISCOUNT reward without credit fields", () => {
    const { unit: _u, assignedCredit: _a, redeemedCredit: _r, currency: _c, ...discount } = reward;
    const parsed = RewardCreatedDataSchema.parse({ ...discount, type: "PCT_DISCOUNT" });
    expect(parsed).toMatchObject({ type: "PCT_DISCOUNT", unit: null, assignedCredit: null });
  });

  it.each([
    [{ assignedCredit: 12.5 }, "assignedCredit is a whole number of minor units"],
    [{ dateCreated: undefined }, "dateCreated is milliseconds since the epoch"],
    [{ userId: "" }, "a reward names its userId"],
  ])("refuses %j with %s", (change, message) => {
    const result = RewardCreatedDataSchema.safeParse({ ...reward, ...change });
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});
