// The portal's secrets at rest, sealed with the configured key ring.

import { decryptWith, encryptWith, type KeyRing, keyRingFrom, needsRotation } from "@/lib/crypto/secret-box";
import { getEnv } from "@/lib/env";

function configuredKeyRing(): KeyRing {
  const env = getEnv();
  return keyRingFrom(env.ENCRYPTION_KEY, env.ENCRYPTION_KEY_PREVIOUS);
}

export const encryptSecret = (plaintext: string) => encryptWith(configuredKeyRing(), plaintext);
export const decryptSecret = (ciphertext: string) => decryptWith(configuredKeyRing(), ciphertext);
export const isSealedWithOldKey = (ciphertext: string) => needsRotation(configuredKeyRing(), ciphertext);
