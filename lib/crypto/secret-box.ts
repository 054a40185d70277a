// AES-256-GCM for secrets at rest. The ciphertext names the key that made it
// (`v1.<keyId>.<iv>.<tag>.<data>`), so ENCRYPTION_KEY can be rotated: the
// previous key stays readable through ENCRYPTION_KEY_PREVIOUS until re-encrypted.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12; // GCM's recommended nonce size

export type KeyRing = { current: Buffer; previous?: Buffer };

/** A short, non-secret fingerprint of a key: enough to pick the right key, useless to an attacker. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

export function keyRingFrom(currentBase64: string, previousBase64?: string): KeyRing {
  const current = Buffer.from(currentBase64, "base64");
  if (current.length !== 32) throw new Error("ENCRYPTION_KEY must decode to 32 bytes");
  const previous = previousBase64 ? Buffer.from(previousBase64, "base64") : undefined;
  return { current, previous };
}

export function encryptWith(ring: KeyRing, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", ring.current, iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [VERSION, keyIdOf(ring.current), iv, cipher.getAuthTag(), data];
  return parts.map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

export class DecryptionError extends Error {}

export function decryptWith(ring: KeyRing, ciphertext: string): string {
  const [version, keyId, iv, tag, data] = ciphertext.split(".");
  if (version !== VERSION || !keyId || !iv || !tag || data === undefined) {
    throw new DecryptionError("not a portal ciphertext");
  }
  const key = [ring.current, ring.previous].find((candidate) => candidate && keyIdOf(candidate) === keyId);
  if (!key) throw new DecryptionError(`no configured key has id ${keyId}; set ENCRYPTION_KEY_PREVIOUS to the old key`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError("ciphertext failed authentication (tampered or wrong key)");
  }
}

/** True when the value was sealed with an older key and should be re-encrypted. */
export function needsRotation(ring: KeyRing, ciphertext: string): boolean {
  return ciphertext.split(".")[1] !== keyIdOf(ring.current);
}
