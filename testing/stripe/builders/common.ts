import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A fresh Stripe-looking id (`in_1Q…`), unique per call so tests never collide. */
export function fakeStripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = "1";
  for (let i = 1; i < length; i++) out += ALPHABET[(bytes[i] as number) % ALPHABET.length];
  return `${prefix}_${out}`;
}

/**
 * A Checkout Session id: `cs_test_` + 58 characters = 66, like Stripe's — longer than impact.com's
 * 64-character OrderId limit, which is why the mapping uses the PaymentIntent id instead.
 */
export function fakeCheckoutSessionId(livemode = false): string {
  const bytes = randomBytes(56);
  let out = "a1";
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return `cs_${livemode ? "live" : "test"}_${out}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Display amount for generated descriptions, e.g. 1999 usd → "$19.99" (descriptions only, never mapped). */
export function formatAmount(amount: number, currency: string): string {
  return `${currency.toUpperCase() === "USD" ? "$" : `${currency.toUpperCase()} `}${(amount / 100).toFixed(2)}`;
}
