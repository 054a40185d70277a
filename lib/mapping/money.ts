// Stripe amounts are integers in the currency's minor unit; impact.com wants decimal strings in major units.
// Everything here is integer (BigInt) arithmetic so no amount ever passes through a float.

/** Currencies Stripe charges without a minor unit (SPEC §7). */
export const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "JPY",
  "KMF",
  "KRW",
  "MGA",
  "PYG",
  "RWF",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);

/** Currencies with a thousandth minor unit (SPEC §7). */
export const THREE_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);

export type CurrencyDecimals = 0 | 2 | 3;

const CURRENCY_CODE = /^[A-Za-z]{3}$/;
const MAJOR_AMOUNT = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Upper-cased ISO 4217 code; throws a RangeError for anything that is not three letters. */
export function normalizeCurrency(currency: string): string {
  if (!CURRENCY_CODE.test(currency)) {
    throw new RangeError(`invalid currency code ${JSON.stringify(currency)}: expected three letters`);
  }
  return currency.toUpperCase();
}

/**
 * Digits after the decimal point in the currency's major unit, as Stripe counts them: 0 for the
 * zero-decimal list, 3 for BHD JOD KWD OMR TND, 2 for everything else (UGX and ISK included — Stripe
 * treats them as two-decimal in the API even though they have no minor unit in circulation).
 */
export function currencyDecimals(currency: string): CurrencyDecimals {
  const code = normalizeCurrency(currency);
  if (ZERO_DECIMAL_CURRENCIES.has(code)) return 0;
  if (THREE_DECIMAL_CURRENCIES.has(code)) return 3;
  return 2;
}

/**
 * Exact major-unit string for an integer amount in minor units: USD 1999 → "19.99", JPY 1999 → "1999",
 * KWD 19999 → "19.999", USD -5 → "-0.05". Accepts a bigint for amounts beyond 2^53; throws a RangeError
 * for a non-integer or an unsafe number (its digits would already be wrong).
 */
export function formatMinorUnits(amount: number | bigint, currency: string): string {
  const minor = toMinorBigInt(amount, "amount");
  const decimals = currencyDecimals(currency);
  const sign = minor < 0n ? "-" : "";
  const digits = (minor < 0n ? -minor : minor).toString();
  if (decimals === 0) return `${sign}${digits}`;
  const padded = digits.padStart(decimals + 1, "0");
  return `${sign}${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
}

/**
 * Inverse of {@link formatMinorUnits}: "19.99" USD → 1999. Fewer decimals than the currency has are
 * fine ("19.9" → 1990) and so are trailing zeros beyond them; a non-zero digit beyond the currency's
 * precision, any other syntax (exponents, "+", spaces, "1.") or a result beyond 2^53 throws a RangeError.
 */
export function parseMajorUnits(amount: string, currency: string): number {
  const match = MAJOR_AMOUNT.exec(amount);
  if (!match)
    throw new RangeError(`invalid amount ${JSON.stringify(amount)}: expected digits with an optional decimal part`);
  const [, minus, whole = "0", fraction = ""] = match;
  const decimals = currencyDecimals(currency);
  const kept = fraction.slice(0, decimals);
  if (/[^0]/.test(fraction.slice(decimals))) {
    throw new RangeError(
      `amount ${amount} has more than ${decimals} decimals, the precision of ${normalizeCurrency(currency)}`,
    );
  }
  const magnitude = BigInt(whole + kept.padEnd(decimals, "0"));
  const minor = minus ? -magnitude : magnitude;
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`amount ${amount} ${normalizeCurrency(currency)} is beyond the exact range of a number`);
  }
  // Number(-0n) is 0, so "-0.00" parses to a plain 0.
  return Number(minor);
}

/**
 * The share of an already-sent amount that a partly refunded charge still represents:
 * sentMinor × (chargeAmount − amountRefunded) / chargeAmount, rounded half-up to the minor unit.
 * 0 once the charge is fully (or over-) refunded, never negative. Calling it again with a later,
 * larger cumulative `amountRefunded` gives the new remaining amount, so repeated partial refunds converge.
 */
export function scaleAmount(sentMinor: number, chargeAmount: number, amountRefunded: number): number {
  const sent = toMinorBigInt(sentMinor, "sentMinor");
  const amount = toMinorBigInt(chargeAmount, "chargeAmount");
  const refunded = toMinorBigInt(amountRefunded, "amountRefunded");
  if (sent < 0n) throw new RangeError(`sentMinor must not be negative, got ${sentMinor}`);
  if (amount <= 0n) throw new RangeError(`chargeAmount must be positive, got ${chargeAmount}`);
  if (refunded < 0n) throw new RangeError(`amountRefunded must not be negative, got ${amountRefunded}`);
  const remaining = amount - refunded;
  if (remaining <= 0n) return 0;
  // Half-up for a non-negative quotient: floor((2·sent·remaining + amount) / (2·amount)).
  const scaled = (2n * sent * remaining + amount) / (2n * amount);
  return Number(scaled);
}

function toMinorBigInt(value: number | bigint, name: string): bigint {
  if (typeof value === "bigint") return value;
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer number of minor units, got ${value}`);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} ${value} is beyond 2^53 and no longer exact; pass a bigint`);
  }
  return BigInt(value);
}
