import { describe, expect, it } from "vitest";
import { rewardAvailability } from "@/lib/advocate/reward-availability";

const NOW = 1_800_000_000_000;
const reward = (overrides: Partial<Parameters<typeof rewardAvailability>[0]> = {}) => ({
  statuses: null,
  dateGiven: NOW - 1000,
  dateScheduledFor: null,
  dateExpires: null,
  dateCancelled: null,
  assignedCredit: 2500,
  redeemedCredit: 0,
  ...overrides,
});

describe("rewardAvailability from Advocate's statuses", () => {
  it.each([
    [["AVAILABLE"], "available"],
    [["PENDING"], "pending"],
    [["CANCELLED"], "cancelled"],
    [["EXPIRED"], "expired"],
    [["REDEEMED"], "redeemed"],
    [["AVAILABLE", "REDEEMED"], "available"],
    [["available"], "available"],
    // A reward that is over wins over one that is not yet.
    [["PENDING", "CANCELLED"], "cancelled"],
    [["AVAILABLE", "EXPIRED"], "expired"],
  ] as const)("%j → %s", (statuses, expected) => {
    expect(rewardAvailability(reward({ statuses: [...statuses] }), NOW)).toBe(expected);
  });

  it("lets the statuses win over dates that say otherwise", () => {
    expect(rewardAvailability(reward({ statuses: ["PENDING"], dateGiven: NOW - 5 }), NOW)).toBe("pending");
    expect(rewardAvailability(reward({ statuses: ["AVAILABLE"], dateGiven: null }), NOW)).toBe("available");
  });

  it("reads AVAILABLE with the whole credit redeemed as redeemed", () => {
    expect(rewardAvailability(reward({ statuses: ["AVAILABLE"], redeemedCredit: 2500 }), NOW)).toBe("redeemed");
  });

  it("falls back to the dates when only unknown statuses are given", () => {
    expect(rewardAvailability(reward({ statuses: ["SOMETHING_NEW"], dateGiven: null }), NOW)).toBe("pending");
  });
});

describe("rewardAvailability from dates and credits (no statuses, as in a webhook)", () => {
  it.each([
    ["given, nothing redeemed", {}, "available"],
    ["never given", { dateGiven: null }, "pending"],
    ["scheduled later", { dateScheduledFor: NOW + 1 }, "pending"],
    ["scheduled now", { dateScheduledFor: NOW }, "available"],
    ["cancelled", { dateCancelled: NOW - 1 }, "cancelled"],
    ["expired at this instant", { dateExpires: NOW }, "expired"],
    ["expiring later", { dateExpires: NOW + 1 }, "available"],
    ["partly redeemed", { redeemedCredit: 1000 }, "available"],
    ["fully redeemed", { redeemedCredit: 2500 }, "redeemed"],
    ["cancelled before it was given", { dateGiven: null, dateCancelled: NOW - 1 }, "cancelled"],
  ] as const)("%s → %s", (_name, overrides, expected) => {
    expect(rewardAvailability(reward(overrides), NOW)).toBe(expected);
  });
});
