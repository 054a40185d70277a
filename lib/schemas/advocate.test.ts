import { describe, expect, it } from "vitest";
import { AdvocateConnectSchema } from "@/lib/schemas/advocate";
import { fieldErrorsOf } from "@/lib/schemas/field-errors";

const errorsOf = (input: unknown) => {
  const parsed = AdvocateConnectSchema.safeParse(input);
  if (parsed.success) throw new Error("expected the input to be refused");
  return fieldErrorsOf(parsed.error);
};

describe("AdvocateConnectSchema", () => {
  it("accepts a tenant, a key and reward units, normalising the list; no units means STRIPE/*", () => {
    expect(
      AdvocateConnectSchema.parse({
        tenantAlias: " test_a1b2 ",
        apiKey: "TEST_key",
        rewardUnits: "STRIPE/USD, STRIPE/EUR,",
      }),
    ).toEqual({ tenantAlias: "test_a1b2", apiKey: "TEST_key", rewardUnits: "STRIPE/USD,STRIPE/EUR" });
    expect(AdvocateConnectSchema.parse({ tenantAlias: "a1b2", apiKey: "k" }).rewardUnits).toBe("STRIPE/*");
    expect(AdvocateConnectSchema.parse({ tenantAlias: "a1b2", apiKey: "k", rewardUnits: "" }).rewardUnits).toBe(
      "STRIPE/*",
    );
  });

  it("takes an empty key as 'keep the saved one' (connectAdvocate decides whether there is one)", () => {
    expect(AdvocateConnectSchema.parse({ tenantAlias: "test_a1b2", apiKey: "  " }).apiKey).toBeUndefined();
    expect(AdvocateConnectSchema.parse({ tenantAlias: "test_a1b2" }).apiKey).toBeUndefined();
  });

  it("names the field and the problem", () => {
    expect(errorsOf({ tenantAlias: "", apiKey: "", rewardUnits: "CASH/USD" })).toEqual({
      tenantAlias: "Enter the Advocate tenant alias, e.g. test_a1b2c3d4 (Advocate shows it under Settings → API keys).",
      rewardUnits:
        '"CASH/USD" is not a Stripe reward unit: use STRIPE/* or STRIPE/ followed by a currency code, e.g. STRIPE/USD.',
    });
    expect(errorsOf({ tenantAlias: "Test-Tenant", apiKey: "has space", rewardUnits: "STRIPE/ABC" })).toEqual({
      tenantAlias:
        "A tenant alias has 1–64 lower-case letters, digits and underscores, e.g. test_a1b2c3d4 or a1b2c3d4.",
      apiKey: "An Advocate API key has at most 256 visible characters and no spaces.",
      rewardUnits: '"ABC" in "STRIPE/ABC" is not an ISO 4217 currency code.',
    });
  });
});
