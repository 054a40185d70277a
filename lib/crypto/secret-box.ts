// AES-256-GCM for secrets at rest. The ciphertext names the key that made it
// (`v2.<keyId>.<iv>.<tag>.<data>`), so ENCRYPTION_KEY can be rotated: the
// previous key stays readable through ENCRYPTION_KEY_PREVIOUS until re-encrypted
// (`npm run secrets:rotate`). A v2 ciphertext is bound to the table, column and row
// it is stored in (GCM additional data), so a value copied into another row or
// column no longer decrypts. v1 (no binding) is still read, never written.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = "v2";
const LEGACY_VERSION = "v1";
const IV_BYTES = 12; // GCM's recommended nonce size
// The full tag: GCM accepts shorter ones, which a forger could brute-force far more cheaply.
const TAG_BYTES = 16;

export type KeyRing = { current: Buffer; previous?: Buffer };

/** Where a sealed value lives: its ciphertext only opens there. */
export type SecretBinding = { table: string; column: string; rowId: string };

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

function additionalDataOf({ table, column, rowId }: SecretBinding): Buffer {
  // Table and column names are identifiers and ids carry no dots, so the joined text is unambiguous.
  if (!table || !column || !rowId) throw new Error("a secret's binding needs its table, column and row id");
  return Buffer.from(`${table}.${column}.${rowId}`, "utf8");
}

export function encryptWith(ring: KeyRing, plaintext: string, binding: SecretBinding): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", ring.current, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalDataOf(binding));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [VERSION, keyIdOf(ring.current), iv, cipher.getAuthTag(), data];
  return parts.map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

export class DecryptionError extends Error {}

/** Opens a v2 ciphertext stored at `binding`, or a v1 one (which carries no binding). */
export function decryptWith(ring: KeyRing, ciphertext: string, binding: SecretBinding): string {
  const [version, keyId, iv, tag, data, ...rest] = ciphertext.split(".");
  if ((version !== VERSION && version !== LEGACY_VERSION) || !keyId || !iv || !tag || data === undefined) {
    throw new DecryptionError("not a portal ciphertext");
  }
  if (rest.length > 0) throw new DecryptionError("not a portal ciphertext");
  const key = [ring.current, ring.previous].find((candidate) => candidate && keyIdOf(candidate) === keyId);
  if (!key) throw new DecryptionError(`no configured key has id ${keyId}; set ENCRYPTION_KEY_PREVIOUS to the old key`);
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  if (ivBytes.length !== IV_BYTES) throw new DecryptionError(`the nonce must be ${IV_BYTES} bytes`);
  if (tagBytes.length !== TAG_BYTES) throw new DecryptionError(`the authentication tag must be ${TAG_BYTES} bytes`);
  const additionalData = version === VERSION ? additionalDataOf(binding) : undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, ivBytes, { authTagLength: TAG_BYTES });
    if (additionalData) decipher.setAAD(additionalData);
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError(
      "ciphertext failed authentication (tampered, moved to another row or column, or wrong key)",
    );
  }
}

/** True when the value is v1 or was sealed with an older key, and should be re-encrypted. */
export function needsRotation(ring: KeyRing, ciphertext: string): boolean {
  const [version, keyId] = ciphertext.split(".");
  return version !== VERSION || keyId !== keyIdOf(ring.current);
}
