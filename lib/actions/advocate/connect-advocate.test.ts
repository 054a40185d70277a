// The Advocate actions refuse bad input before anything else runs (no sign-in read, no call to Advocate),
// each problem next to its field, and never hand the API key back to the browser.
import { describe, expect, it } from "vitest";
import { connectAdvocateAction } from "@/lib/actions/advocate/connect-advocate";
import { disconnectAdvocateAction } from "@/lib/actions/advocate/disconnect-advocate";
import { retryRewardAction } from "@/lib/actions/rewards/retry-reward";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("connectAdvocateAction", () => {
  it("puts each field's message next to it and echoes the typing without the key", async () => {
    const result = await connectAdvocateAction(
      "cint123",
      null,
      form({ tenantAlias: "", apiKey: "has a space", rewardUnits: "STRIPE/USD, EUR" }),
    );
    expect(result).toEqual({
      ok: false,
      error: "Enter the Advocate tenant alias, e.g. test_a1b2c3d4 (Advocate shows it under Settings → API keys).",
      fieldErrors: {
        tenantAlias:
          "Enter the Advocate tenant alias, e.g. test_a1b2c3d4 (Advocate shows it under Settings → API keys).",
        apiKey: "An Advocate API key has at most 256 visible characters and no spaces.",
        rewardUnits:
          '"EUR" is not a Stripe reward unit: use STRIPE/* or STRIPE/ followed by a currency code, e.g. STRIPE/USD.',
      },
      values: { tenantAlias: "", rewardUnits: "STRIPE/USD, EUR" },
    });
  });

  it("names a tenant alias of the wrong shape and a currency that does not exist (an empty key may mean: keep it)", async () => {
    const result = await connectAdvocateAction(
      "cint123",
      null,
      form({ tenantAlias: "Test-Tenant", apiKey: "", rewardUnits: "STRIPE/UDS" }),
    );
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        tenantAlias:
          "A tenant alias has 1–64 lower-case letters, digits and underscores, e.g. test_a1b2c3d4 or a1b2c3d4.",
        rewardUnits: '"UDS" in "STRIPE/UDS" is not an ISO 4217 currency code.',
      },
    });
  });

  it("refuses an integration id that is not one, keeping the typing", async () => {
    expect(
      await connectAdvocateAction("../x", null, form({ tenantAlias: "test_a", apiKey: "k", rewardUnits: "" })),
    ).toEqual({
      ok: false,
      error: "That integration id is not valid.",
      values: { tenantAlias: "test_a", rewardUnits: "" },
    });
  });
});

it("disconnectAdvocateAction and retryRewardAction refuse ids that are not ids", async () => {
  expect(await disconnectAdvocateAction("bad id!", null)).toEqual({
    ok: false,
    error: "That integration id is not valid.",
  });
  expect(await retryRewardAction({ rewardCreditId: "bad id!" })).toEqual({
    ok: false,
    error: "That reward id is not valid.",
  });
});
