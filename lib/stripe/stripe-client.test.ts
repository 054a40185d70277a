import { describe, expect, it } from "vitest";
import { modeOfKey } from "@/lib/stripe/stripe-client";
import { permissionNamedIn } from "@/lib/stripe/stripe-errors";

describe("modeOfKey", () => {
  it.each([
    ["sk_live_abc123", "live"],
    ["rk_live_abc123", "live"],
    ["sk_test_abc123", "test"],
    ["rk_test_abc123", "test"],
  ] as const)("%s is %s mode", (key, mode) => {
    expect(modeOfKey(key)).toBe(mode);
  });

  it("never calls a key live unless its prefix says so", () => {
    expect(modeOfKey("sk_test_live_abc")).toBe("test");
    expect(modeOfKey("xsk_live_abc")).toBe("test");
  });
});

describe("permissionNamedIn", () => {
  it("reads the permission from Stripe's 403 message", () => {
    const message =
      "The provided key 'rk_test_****1234' does not have the required permissions for this endpoint on account 'acct_1'. Having the 'rak_webhook_write' permission would allow this request to continue.";
    expect(permissionNamedIn(message)).toBe("rak_webhook_write");
    expect(permissionNamedIn("Missing 'rak_charge_read'.")).toBe("rak_charge_read");
    expect(permissionNamedIn("Forbidden")).toBeUndefined();
  });
});
