import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DecryptionError,
  decryptWith,
  encryptWith,
  keyIdOf,
  keyRingFrom,
  needsRotation,
} from "@/lib/crypto/secret-box";

const newKey = () => randomBytes(32).toString("base64");

describe("secret box", () => {
  it("round-trips unicode and long secrets", () => {
    const ring = keyRingFrom(newKey());
    for (const secret of ["sk_test_123", "whsec_ÄÖü→🔑", "x".repeat(10_000), ""]) {
      expect(decryptWith(ring, encryptWith(ring, secret))).toBe(secret);
    }
  });

  it("never produces the same ciphertext twice and never contains the plaintext", () => {
    const ring = keyRingFrom(newKey());
    const a = encryptWith(ring, "sk_live_secretvalue");
    const b = encryptWith(ring, "sk_live_secretvalue");
    expect(a).not.toBe(b);
    expect(a).not.toContain("secretvalue");
    expect(a.split(".")[1]).toBe(keyIdOf(ring.current));
  });

  it("reads ciphertexts of the previous key after rotation and flags them", () => {
    const oldKey = newKey();
    const sealed = encryptWith(keyRingFrom(oldKey), "rk_test_abc");
    const rotated = keyRingFrom(newKey(), oldKey);
    expect(decryptWith(rotated, sealed)).toBe("rk_test_abc");
    expect(needsRotation(rotated, sealed)).toBe(true);
    expect(needsRotation(rotated, encryptWith(rotated, "rk_test_abc"))).toBe(false);
  });

  it("refuses a ciphertext whose key is not configured, naming the fix", () => {
    const sealed = encryptWith(keyRingFrom(newKey()), "secret");
    expect(() => decryptWith(keyRingFrom(newKey()), sealed)).toThrow(/ENCRYPTION_KEY_PREVIOUS/);
  });

  it("detects tampering", () => {
    const ring = keyRingFrom(newKey());
    const parts = encryptWith(ring, "secret").split(".");
    parts[4] = Buffer.from("forged").toString("base64url");
    expect(() => decryptWith(ring, parts.join("."))).toThrow(DecryptionError);
    expect(() => decryptWith(ring, "plain text")).toThrow(DecryptionError);
  });

  it("rejects keys of the wrong size", () => {
    expect(() => keyRingFrom(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
