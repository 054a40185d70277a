import { describe, expect, it } from "vitest";
import { REWARD_STATUS_STYLES } from "@/components/rewards/reward-status-styles";
import { REWARD_STATUSES } from "@/lib/views/reward-view";

describe("REWARD_STATUS_STYLES", () => {
  it("gives every reward status a badge whose background no other status has", () => {
    const background = (badge: string) => badge.split(" ").find((name) => name.startsWith("bg-"));
    const backgrounds = REWARD_STATUSES.map((status) => background(REWARD_STATUS_STYLES[status].badge));
    expect(backgrounds.every(Boolean)).toBe(true);
    expect(new Set(backgrounds).size).toBe(REWARD_STATUSES.length);
  });
});
