import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { integrationSecret } from "@/lib/crypto/secret-bindings";
import {
  DecryptionError,
  decryptWith,
  encryptWith,
  type KeyRing,
  keyIdOf,
  keyRingFrom,
  needsRotation,
} from "@/lib/crypto/secret-box";

const newKey = () => randomBytes(32).toString("base64");
const here = integrationSecret("cint_row_1", "stripeApiKeyEncrypted");

/** A ciphertext exactly as the portal wrote it before v2: no additional data, `v1.` prefix. */
function sealV1(ring: KeyRing, plaintext: string, tagBytes = 16): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current, iv, { authTagLength: tagBytes });
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", keyIdOf(ring.current), iv, cipher.getAuthTag(), data]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

describe("secret box", () => {
  it("round-trips unicode and long secrets as v2", () => {
    const ring = keyRingFrom(newKey());
    for (const secret of ["sk_test_123", "whsec_ÄÖü→🔑", "x".repeat(10_000), ""]) {
      const sealed = encryptWith(ring, secret, here);
      expect(sealed.startsWith("v2.")).toBe(true);
      expect(decryptWith(ring, sealed, here)).toBe(secret);
    }
  });

  it("never produces the same ciphertext twice and never contains the plaintext", () => {
    const ring = keyRingFrom(newKey());
    const a = encryptWith(ring, "sk_live_secretvalue", here);
    const b = encryptWith(ring, "sk_live_secretvalue", here);
    expect(a).not.toBe(b);
    expect(a).not.toContain("secretvalue");
    expect(a.split(".")[1]).toBe(keyIdOf(ring.current));
  });

  it("refuses a ciphertext moved to another row, column or table", () => {
    const ring = keyRingFrom(newKey());
    const sealed = encryptWith(ring, "sk_test_abc", here);
    const elsewhere = [
      integrationSecret("cint_row_2", "stripeApiKeyEncrypted"),
      integrationSecret("cint_row_1", "impactAuthTokenEncrypted"),
      { table: "Account", column: "stripeApiKeyEncrypted", rowId: "cint_row_1" },
    ];
    for (const binding of elsewhere) {
      expect(() => decryptWith(ring, sealed, binding)).toThrow(DecryptionError);
    }
    expect(decryptWith(ring, sealed, here)).toBe("sk_test_abc");
  });

  it("refuses an empty binding", () => {
    const ring = keyRingFrom(newKey());
    expect(() => encryptWith(ring, "x", { table: "Integration", column: "stripeApiKeyEncrypted", rowId: "" })).toThrow(
      /row id/,
    );
  });

  it("refuses authentication tags shorter than 16 bytes", () => {
    const ring = keyRingFrom(newKey());
    // A genuine v1 ciphertext with a 12-byte tag: GCM without authTagLength would accept it.
    expect(() => decryptWith(ring, sealV1(ring, "secret", 12), here)).toThrow(/16 bytes/);
    // A v2 ciphertext whose tag is cut to 12 bytes.
    const parts = encryptWith(ring, "secret", here).split(".");
    parts[3] = Buffer.from(parts[3]!, "base64url").subarray(0, 12).toString("base64url");
    expect(() => decryptWith(ring, parts.join("."), here)).toThrow(DecryptionError);
  });

  it("still reads v1 ciphertexts, whatever the binding, and flags them for rotation", () => {
    const ring = keyRingFrom(newKey());
    const legacy = sealV1(ring, "rk_test_legacy");
    expect(decryptWith(ring, legacy, here)).toBe("rk_test_legacy");
    expect(needsRotation(ring, legacy)).toBe(true);
    expect(needsRotation(ring, encryptWith(ring, "rk_test_legacy", here))).toBe(false);
  });

  it("reads ciphertexts of the previous key after rotation and flags them", () => {
    const oldKey = newKey();
    const sealed = encryptWith(keyRingFrom(oldKey), "rk_test_abc", here);
    const rotated = keyRingFrom(newKey(), oldKey);
    expect(decryptWith(rotated, sealed, here)).toBe("rk_test_abc");
    expect(needsRotation(rotated, sealed)).toBe(true);
    expect(needsRotation(rotated, encryptWith(rotated, "rk_test_abc", here))).toBe(false);
  });

  it("refuses a ciphertext whose key is not configured, naming the fix", () => {
    const sealed = encryptWith(keyRingFrom(newKey()), "secret", here);
    expect(() => decryptWith(keyRingFrom(newKey()), sealed, here)).toThrow(/ENCRYPTION_KEY_PREVIOUS/);
  });

  it("detects tampering", () => {
    const ring = keyRingFrom(newKey());
    const parts = encryptWith(ring, "secret", here).split(".");
    parts[4] = Buffer.from("forged").toString("base64url");
    expect(() => decryptWith(ring, parts.join("."), here)).toThrow(DecryptionError);
    expect(() => decryptWith(ring, "plain text", here)).toThrow(DecryptionError);
    expect(() => decryptWith(ring, `${encryptWith(ring, "secret", here)}.extra`, here)).toThrow(DecryptionError);
  });

  it("rejects keys of the wrong size", () => {
    expect(() => keyRingFrom(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
