import { describe, expect, it } from "vitest";
import { matchRewardUnit, parseRewardUnits, rewardUnitProblem } from "@/lib/mapping/reward-units";

describe("matchRewardUnit", () => {
  it("STRIPE/* matches any STRIPE/<ISO currency>, the currency coming from the unit in Stripe's lower case", () => {
    expect(matchRewardUnit("STRIPE/USD", "STRIPE/*")).toEqual({ isMatch: true, currency: "usd" });
    expect(matchRewardUnit("STRIPE/JPY", "STRIPE/*")).toEqual({ isMatch: true, currency: "jpy" });
    expect(matchRewardUnit("STRIPE/KWD", "")).toEqual({ isMatch: true, currency: "kwd" });
  });

  it("a list of units matches only its own", () => {
    expect(matchRewardUnit("STRIPE/EUR", "STRIPE/USD, STRIPE/EUR")).toEqual({ isMatch: true, currency: "eur" });
    expect(matchRewardUnit("STRIPE/GBP", "STRIPE/USD,STRIPE/EUR")).toEqual({
      isMatch: false,
      reason: "reward unit STRIPE/GBP is not among this connection's reward units (STRIPE/USD, STRIPE/EUR)",
    });
  });

  it("other units, made-up currencies and missing units do not match, with the reason", () => {
    expect(matchRewardUnit("POINTS", "STRIPE/*")).toEqual({
      isMatch: false,
      reason: "reward unit POINTS is not STRIPE/<currency>",
    });
    expect(matchRewardUnit("CASH/USD", "STRIPE/*").isMatch).toBe(false);
    expect(matchRewardUnit("STRIPE/XYZ", "STRIPE/*").isMatch).toBe(false);
    expect(matchRewardUnit("STRIPE/usd", "STRIPE/*").isMatch).toBe(false);
    expect(matchRewardUnit(null, "STRIPE/*")).toEqual({ isMatch: false, reason: "the reward has no unit" });
  });
});

describe("parseRewardUnits and rewardUnitProblem", () => {
  it("trims, drops empty entries and repeats, and reads empty text as STRIPE/*", () => {
    expect(parseRewardUnits(" STRIPE/USD ,, STRIPE/USD,STRIPE/EUR ")).toEqual(["STRIPE/USD", "STRIPE/EUR"]);
    expect(parseRewardUnits("  ")).toEqual(["STRIPE/*"]);
  });

  it("names what is wrong with a unit", () => {
    expect(rewardUnitProblem("STRIPE/*")).toBeNull();
    expect(rewardUnitProblem("STRIPE/KWD")).toBeNull();
    expect(rewardUnitProblem("CASH/USD")).toBe(
      '"CASH/USD" is not a Stripe reward unit: use STRIPE/* or STRIPE/ followed by a currency code, e.g. STRIPE/USD.',
    );
    expect(rewardUnitProblem("STRIPE/usd")).toMatch(/three-letter upper-case currency code/);
    expect(rewardUnitProblem("STRIPE/UDS")).toBe('"UDS" in "STRIPE/UDS" is not an ISO 4217 currency code.');
  });
});
