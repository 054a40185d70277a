// The portal's secrets at rest, sealed with the configured key ring and bound to the row and column
// that store them.

import {
  decryptWith,
  encryptWith,
  type KeyRing,
  keyRingFrom,
  needsRotation,
  type SecretBinding,
} from "@/lib/crypto/secret-box";
import { getEnv } from "@/lib/env";

export { integrationSecret } from "@/lib/crypto/secret-bindings";

function configuredKeyRing(): KeyRing {
  const env = getEnv();
  return keyRingFrom(env.ENCRYPTION_KEY, env.ENCRYPTION_KEY_PREVIOUS);
}

export const encryptSecret = (plaintext: string, binding: SecretBinding) =>
  encryptWith(configuredKeyRing(), plaintext, binding);
export const decryptSecret = (ciphertext: string, binding: SecretBinding) =>
  decryptWith(configuredKeyRing(), ciphertext, binding);
export const isSealedWithOldKey = (ciphertext: string) => needsRotation(configuredKeyRing(), ciphertext);
