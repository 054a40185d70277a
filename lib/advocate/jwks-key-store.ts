// Advocate's webhook signing keys from `{ADVOCATE_API_BASE_URL}/.well-known/jwks.json`, cached in this
// process by `kid`. Keys rotate, so an unknown kid fetches the set again — but at most once per cooldown,
// so a flood of made-up kids cannot turn the portal into a JWKS hammer; concurrent lookups share one fetch.
import { importJWK, type JWK } from "jose";
import { z } from "zod";
import { describeFetchError } from "@/lib/http/http-exchange";

export const JWKS_TIMEOUT_MS = 5_000;
/** The least time between two fetches caused by unknown kids. */
export const JWKS_REFETCH_COOLDOWN_MS = 10_000;
/** A known kid still triggers a refresh after this long, so a withdrawn key stops being trusted. */
export const JWKS_MAX_AGE_MS = 60 * 60 * 1000;

const JwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });

export type KeyLookup =
  | { ok: true; key: CryptoKey }
  | { ok: false; reason: "unknown kid" | "keys unavailable"; detail: string };

export type JwksKeyStore = {
  getKey(kid: string): Promise<KeyLookup>;
  /** How many times the set was fetched (tests assert the cache holds). */
  readonly fetchCount: number;
};

export type JwksKeyStoreOptions = {
  jwksUrl: string;
  cooldownMs?: number;
  maxAgeMs?: number;
  timeoutMs?: number;
  now?: () => number;
};

/** RS256 signing keys only: anything else in the set is skipped, never imported. */
async function importSigningKeys(jwks: z.infer<typeof JwksSchema>): Promise<Map<string, CryptoKey>> {
  const keys = new Map<string, CryptoKey>();
  for (const jwk of jwks.keys) {
    if (jwk.kty !== "RSA" || typeof jwk.kid !== "string") continue;
    if (jwk.use !== undefined && jwk.use !== "sig") continue;
    if (jwk.alg !== undefined && jwk.alg !== "RS256") continue;
    try {
      const key = await importJWK(jwk as JWK, "RS256");
      if (key instanceof CryptoKey) keys.set(jwk.kid, key);
    } catch {
      // A malformed entry must not cost the others.
    }
  }
  return keys;
}

export function createJwksKeyStore(options: JwksKeyStoreOptions): JwksKeyStore {
  const cooldownMs = options.cooldownMs ?? JWKS_REFETCH_COOLDOWN_MS;
  const maxAgeMs = options.maxAgeMs ?? JWKS_MAX_AGE_MS;
  const timeoutMs = options.timeoutMs ?? JWKS_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  let keys = new Map<string, CryptoKey>();
  let fetchedAt: number | null = null;
  let attemptedAt: number | null = null;
  let lastError: string | null = null;
  let inFlight: Promise<void> | null = null;
  let fetchCount = 0;

  async function fetchKeys(): Promise<void> {
    attemptedAt = now();
    fetchCount += 1;
    let response: Response;
    let body: unknown;
    try {
      response = await fetch(options.jwksUrl, {
        headers: { Accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
        cache: "no-store",
      });
      body = await response.json().catch(() => null);
    } catch (error) {
      lastError = describeFetchError(error, timeoutMs);
      return;
    }
    const parsed = JwksSchema.safeParse(body);
    if (!response.ok || !parsed.success) {
      lastError = response.ok ? "the JWKS is not a {keys: [...]} document" : `the JWKS answered ${response.status}`;
      return;
    }
    keys = await importSigningKeys(parsed.data);
    fetchedAt = now();
    lastError = null;
  }

  function refresh(): Promise<void> {
    inFlight ??= fetchKeys().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  const mayRefetch = () => attemptedAt === null || now() - attemptedAt >= cooldownMs;

  return {
    async getKey(kid) {
      if (inFlight) await inFlight;
      const isStale = fetchedAt === null || now() - fetchedAt >= maxAgeMs;
      if ((!keys.has(kid) || isStale) && mayRefetch()) await refresh();
      // A stale key still verifies when the refresh failed: a JWKS outage must not reject every webhook.
      const key = keys.get(kid);
      if (key) return { ok: true, key };
      if (fetchedAt === null) {
        return {
          ok: false,
          reason: "keys unavailable",
          detail: `Advocate's JWKS could not be read: ${lastError ?? "not fetched yet"}`,
        };
      }
      return {
        ok: false,
        reason: "unknown kid",
        detail: `no key ${JSON.stringify(kid.slice(0, 100))} in Advocate's JWKS`,
      };
    },
    get fetchCount() {
      return fetchCount;
    },
  };
}
