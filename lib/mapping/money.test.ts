import { describe, expect, it } from "vitest";
import { currencyDecimals, formatMinorUnits, parseMajorUnits, scaleAmount } from "@/lib/mapping/money";

describe("currencyDecimals", () => {
  it.each([
    ["jpy", 0],
    ["KRW", 0],
    ["BIF", 0],
    ["CLP", 0],
    ["DJF", 0],
    ["GNF", 0],
    ["KMF", 0],
    ["MGA", 0],
    ["PYG", 0],
    ["RWF", 0],
    ["VND", 0],
    ["VUV", 0],
    ["XAF", 0],
    ["XOF", 0],
    ["XPF", 0],
    ["BHD", 3],
    ["jod", 3],
    ["KWD", 3],
    ["OMR", 3],
    ["TND", 3],
    ["USD", 2],
    ["eur", 2],
    ["UGX", 2],
    ["ISK", 2],
    ["HUF", 2],
    ["TWD", 2],
  ] as const)("%s has %i decimals", (currency, decimals) => {
    expect(currencyDecimals(currency)).toBe(decimals);
  });

  it("rejects something that is not a currency code", () => {
    expect(() => currencyDecimals("US")).toThrow(RangeError);
    expect(() => currencyDecimals("usd ")).toThrow(RangeError);
  });
});

describe("formatMinorUnits", () => {
  it.each([
    [1999, "JPY", "1999"],
    [1999, "USD", "19.99"],
    [19999, "KWD", "19.999"],
    [1999, "UGX", "19.99"],
    [1999, "ISK", "19.99"],
    [0, "USD", "0.00"],
    [0, "KWD", "0.000"],
    [0, "JPY", "0"],
    [5, "USD", "0.05"],
    [5, "BHD", "0.005"],
    [100, "eur", "1.00"],
    [-1999, "USD", "-19.99"],
    [-5, "USD", "-0.05"],
    [-7, "TND", "-0.007"],
    [-1999, "JPY", "-1999"],
    [-0, "USD", "0.00"],
    [Number.MAX_SAFE_INTEGER, "USD", "90071992547409.91"],
    [Number.MAX_SAFE_INTEGER, "KWD", "9007199254740.991"],
  ] as const)("%d %s → %s", (amount, currency, expected) => {
    expect(formatMinorUnits(amount, currency)).toBe(expected);
  });

  it("formats amounts beyond 2^53 given as bigint", () => {
    expect(formatMinorUnits(123456789012345678901234567890n, "USD")).toBe("1234567890123456789012345678.90");
    expect(formatMinorUnits(-123456789012345678901n, "JPY")).toBe("-123456789012345678901");
  });

  it("never goes through floating point (0.1 + 0.2 style amounts)", () => {
    expect(formatMinorUnits(30, "USD")).toBe("0.30");
    expect(formatMinorUnits(1000001, "USD")).toBe("10000.01");
  });

  it("rejects non-integers, NaN, infinities and unsafe numbers", () => {
    expect(() => formatMinorUnits(19.99, "USD")).toThrow(RangeError);
    expect(() => formatMinorUnits(Number.NaN, "USD")).toThrow(RangeError);
    expect(() => formatMinorUnits(Number.POSITIVE_INFINITY, "USD")).toThrow(RangeError);
    expect(() => formatMinorUnits(2 ** 60, "USD")).toThrow(/bigint/);
  });
});

describe("parseMajorUnits", () => {
  it.each([
    ["19.99", "USD", 1999],
    ["1999", "JPY", 1999],
    ["19.999", "KWD", 19999],
    ["19.99", "UGX", 1999],
    ["19.9", "USD", 1990],
    ["19", "USD", 1900],
    ["0.05", "usd", 5],
    ["-19.99", "USD", -1999],
    ["19.990", "USD", 1999],
    ["1999.00", "JPY", 1999],
    ["90071992547409.91", "USD", Number.MAX_SAFE_INTEGER],
  ] as const)("%s %s → %d", (text, currency, expected) => {
    expect(parseMajorUnits(text, currency)).toBe(expected);
  });

  it("parses -0.00 to a plain 0", () => {
    expect(Object.is(parseMajorUnits("-0.00", "USD"), 0)).toBe(true);
  });

  it("is the inverse of formatMinorUnits", () => {
    for (const currency of ["USD", "JPY", "KWD", "ISK"]) {
      for (const amount of [0, 1, 7, 99, 100, 1999, 19999, -42, 123456789]) {
        expect(parseMajorUnits(formatMinorUnits(amount, currency), currency)).toBe(amount);
      }
    }
  });

  it.each([
    ["19.999", "USD"],
    ["19.5", "JPY"],
    ["1.0001", "KWD"],
    ["", "USD"],
    ["1.", "USD"],
    [".5", "USD"],
    ["+1", "USD"],
    ["1e3", "USD"],
    [" 1", "USD"],
    ["1,00", "EUR"],
    ["90071992547409.92", "USD"],
  ] as const)("rejects %j in %s", (text, currency) => {
    expect(() => parseMajorUnits(text, currency)).toThrow(RangeError);
  });
});

describe("scaleAmount", () => {
  it("returns the sent amount when nothing is refunded", () => {
    expect(scaleAmount(19200, 19200, 0)).toBe(19200);
  });

  it("returns the remaining amount for a partial refund", () => {
    expect(scaleAmount(19200, 19200, 4200)).toBe(15000);
  });

  it("converges over repeated partial refunds (amount_refunded is cumulative)", () => {
    const sent = 10000;
    const first = scaleAmount(sent, 10000, 2500);
    const second = scaleAmount(sent, 10000, 2500 + 2500);
    const third = scaleAmount(sent, 10000, 10000);
    expect([first, second, third]).toEqual([7500, 5000, 0]);
    // Re-processing the same state sends the same amount again instead of subtracting twice.
    expect(scaleAmount(sent, 10000, 5000)).toBe(second);
  });

  it("is 0 when fully refunded and clamps over-refunds to 0", () => {
    expect(scaleAmount(19200, 19200, 19200)).toBe(0);
    expect(scaleAmount(19200, 19200, 20000)).toBe(0);
  });

  it("scales when the sent amount differs from the charge (proportionally)", () => {
    // Sent items 4000 of a 5000 charge (1000 shipping); half refunded → half of 4000.
    expect(scaleAmount(4000, 5000, 2500)).toBe(2000);
  });

  it("rounds half-up to the minor unit, also for three-decimal currencies", () => {
    // KWD: 1.000 sent of a 3.000 charge, 1.000 refunded → 0.6666… → 0.667
    expect(scaleAmount(1000, 3000, 1000)).toBe(667);
    // exactly half a minor unit rounds up: 1 × 1/2 = 0.5 → 1
    expect(scaleAmount(1, 2, 1)).toBe(1);
    // just under half rounds down: 1 × 1/3 = 0.333… → 0
    expect(scaleAmount(1, 3, 2)).toBe(0);
  });

  it("stays exact where floating point would not", () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(scaleAmount(big, big, 1)).toBe(big - 1);
  });

  it("rejects invalid inputs", () => {
    expect(() => scaleAmount(100, 0, 0)).toThrow(RangeError);
    expect(() => scaleAmount(-1, 100, 0)).toThrow(RangeError);
    expect(() => scaleAmount(100, 100, -1)).toThrow(RangeError);
    expect(() => scaleAmount(1.5, 100, 0)).toThrow(RangeError);
  });
});
