// The Rewards view's statuses are the database's, each with one label of its own (SPEC §11).
import { describe, expect, it } from "vitest";
import { RewardCreditStatus } from "@/lib/generated/prisma/enums";
import { isFailedReward, REWARD_STATUS_LABELS, REWARD_STATUSES } from "@/lib/views/reward-view";

describe("reward statuses", () => {
  it("are exactly Prisma's RewardCreditStatus (a new enum value must reach every view)", () => {
    expect([...REWARD_STATUSES].sort()).toEqual(Object.values(RewardCreditStatus).sort());
  });

  it("each have their own label, in SPEC §11's words", () => {
    expect(REWARD_STATUS_LABELS).toEqual({
      pending: "Pending",
      credited: "Credited",
      needs_mapping: "Needs mapping",
      retrying: "Failed (retrying)",
      failed: "Failed",
      exhausted: "Exhausted",
      skipped: "Skipped",
    });
    expect(new Set(Object.values(REWARD_STATUS_LABELS)).size).toBe(REWARD_STATUSES.length);
  });

  it("count needs mapping, failed and exhausted as needing a person", () => {
    expect(REWARD_STATUSES.filter(isFailedReward)).toEqual(["needs_mapping", "failed", "exhausted"]);
  });
});
