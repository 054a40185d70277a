// Which Advocate reward units the portal credits (SPEC §11): a connection's "Reward units" is a
// comma-separated list of `STRIPE/*` (any `STRIPE/<CUR>`) or `STRIPE/<ISO 4217 code>`. Pure: the
// connect form checks the list with it, intake matches each reward's unit against it.

export const ANY_STRIPE_UNIT = "STRIPE/*";
const STRIPE_PREFIX = "STRIPE/";

/** ISO 4217 codes this runtime knows (Intl), so a typo such as STRIPE/UDS is caught at connect time. */
const ISO_CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

/** Why `unit` is not a unit the portal can be configured with, or null when it is one. */
export function rewardUnitProblem(unit: string): string | null {
  if (unit === ANY_STRIPE_UNIT) return null;
  if (!unit.startsWith(STRIPE_PREFIX)) {
    return `"${unit}" is not a Stripe reward unit: use STRIPE/* or STRIPE/ followed by a currency code, e.g. STRIPE/USD.`;
  }
  const code = unit.slice(STRIPE_PREFIX.length);
  if (!/^[A-Z]{3}$/.test(code)) {
    return `"${unit}" needs a three-letter upper-case currency code after STRIPE/, e.g. STRIPE/USD (or STRIPE/* for any).`;
  }
  if (!ISO_CURRENCIES.has(code)) return `"${code}" in "${unit}" is not an ISO 4217 currency code.`;
  return null;
}

/** The configured list as units, trimmed, empty entries and repeats dropped; empty text means `STRIPE/*`. */
export function parseRewardUnits(text: string): string[] {
  const units = [
    ...new Set(
      text
        .split(",")
        .map((unit) => unit.trim())
        .filter(Boolean),
    ),
  ];
  return units.length === 0 ? [ANY_STRIPE_UNIT] : units;
}

export type RewardUnitMatch = { isMatch: true; currency: string } | { isMatch: false; reason: string };

/**
 * Whether a reward's unit is one the connection credits, and in which currency: the unit decides
 * (`STRIPE/JPY` → `jpy`, Stripe's lower-case form), whatever else the reward says.
 */
export function matchRewardUnit(unit: string | null | undefined, configured: string): RewardUnitMatch {
  if (!unit) return { isMatch: false, reason: "the reward has no unit" };
  const units = parseRewardUnits(configured);
  const code = unit.startsWith(STRIPE_PREFIX) ? unit.slice(STRIPE_PREFIX.length) : "";
  if (!/^[A-Z]{3}$/.test(code) || !ISO_CURRENCIES.has(code)) {
    return { isMatch: false, reason: `reward unit ${unit} is not STRIPE/<currency>` };
  }
  if (!units.includes(ANY_STRIPE_UNIT) && !units.includes(unit)) {
    return {
      isMatch: false,
      reason: `reward unit ${unit} is not among this connection's reward units (${units.join(", ")})`,
    };
  }
  return { isMatch: true, currency: code.toLowerCase() };
}
