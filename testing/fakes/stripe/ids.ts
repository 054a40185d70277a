import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random base62 text, the alphabet Stripe ids and secrets use. */
export function randomBase62(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** A Stripe-looking id: `we_1Q…` (24 characters after the prefix, like real ids). */
export function stripeId(prefix: string): string {
  return `${prefix}_1${randomBase62(23)}`;
}
