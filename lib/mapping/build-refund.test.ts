import { describe, expect, it } from "vitest";
import { buildRefund, type SentConversion } from "@/lib/mapping/build-refund";
import { MappingError } from "@/lib/mapping/mapping-error";
import { fixtureCharge } from "@/testing/stripe/fixtures/fixture-builders";

const invoiceConversion: SentConversion = {
  eventTypeId: "27001",
  orderId: "in_1RxHxSGaouLfVOpUyWFwGR1y",
  amountMinor: 19200,
  currency: "USD",
};

describe("buildRefund", () => {
  it("sends the remaining amount after a partial refund", () => {
    const charge = fixtureCharge({ amount: 19200, amount_refunded: 4200 });
    expect(buildRefund(invoiceConversion, charge)).toEqual({
      params: { ActionTrackerId: "27001", OrderId: "in_1RxHxSGaouLfVOpUyWFwGR1y", Amount: "150.00", Reason: "OTHER" },
      amountMinor: 15000,
    });
  });

  it("converges over repeated partial refunds: each sends the current remaining amount", () => {
    const amounts = [4200, 9600, 9600, 19200].map(
      (refunded) => buildRefund(invoiceConversion, { amount: 19200, amount_refunded: refunded }).params.Amount,
    );
    expect(amounts).toEqual(["150.00", "96.00", "96.00", "0.00"]);
  });

  it("sends 0 for a full refund (reverses the action)", () => {
    const { params, amountMinor } = buildRefund(invoiceConversion, { amount: 19200, amount_refunded: 19200 });
    expect(params.Amount).toBe("0.00");
    expect(amountMinor).toBe(0);
  });

  it("scales when the conversion sent less than the charge (e.g. shipping not in items)", () => {
    const conversion = { ...invoiceConversion, orderId: "pi_1", amountMinor: 4000 };
    expect(buildRefund(conversion, { amount: 5000, amount_refunded: 1000 }).params.Amount).toBe("32.00");
  });

  it("rounds half-up in a three-decimal currency", () => {
    const conversion = { ...invoiceConversion, amountMinor: 1000, currency: "KWD" };
    expect(buildRefund(conversion, { amount: 3000, amount_refunded: 1000 }).params.Amount).toBe("0.667");
    expect(buildRefund(conversion, { amount: 3000, amount_refunded: 2000 }).params.Amount).toBe("0.333");
  });

  it("formats zero-decimal currencies without decimals", () => {
    const conversion = { ...invoiceConversion, amountMinor: 1999, currency: "jpy" };
    expect(buildRefund(conversion, { amount: 1999, amount_refunded: 999 }).params.Amount).toBe("1000");
  });

  it("rejects a nonsensical charge with a MappingError", () => {
    expect(() => buildRefund(invoiceConversion, { amount: 0, amount_refunded: 0 })).toThrow(MappingError);
    expect(() => buildRefund(invoiceConversion, { amount: 100, amount_refunded: -1 })).toThrow(/amountRefunded/);
  });
});
