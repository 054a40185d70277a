// Proves an Advocate webhook came from Advocate (SPEC §11). `X-Hook-JWS-RFC-7797` is a JWS with a detached
// payload, `protected..signature`: the payload is the raw body exactly as received (never re-serialised
// JSON). RS256 only, so a token choosing "none" or an HMAC keyed with the public key is refused.
import { base64url, errors, flattenedVerify } from "jose";
import { z } from "zod";
import { createJwksKeyStore, type JwksKeyStore, type JwksKeyStoreOptions } from "@/lib/advocate/jwks-key-store";
import { getEnv } from "@/lib/env";

export const ADVOCATE_SIGNATURE_HEADER = "x-hook-jws-rfc-7797";

export type AdvocateSignatureFailureReason =
  | "missing header"
  | "malformed"
  | "unknown kid"
  | "bad signature"
  /** The JWKS could not be read: not the sender's fault, so the route may answer 5xx (Advocate retries). */
  | "keys unavailable";

export type AdvocateSignatureCheck =
  | { ok: true }
  | { ok: false; reason: AdvocateSignatureFailureReason; detail: string };

const ProtectedHeaderSchema = z
  .object({
    alg: z.literal("RS256", { message: "alg must be RS256" }),
    kid: z.string({ message: "the header names no kid" }).min(1, "the header names no kid"),
    b64: z.boolean({ message: "b64 must be true or false" }).optional(),
    crit: z.array(z.string(), { message: "crit must be a list of names" }).optional(),
  })
  .loose();

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export type AdvocateSignatureVerifier = {
  verify(rawBody: string, header: string | null | undefined): Promise<AdvocateSignatureCheck>;
  readonly keys: JwksKeyStore;
};

/** A verifier with its own key cache; the portal uses one per JWKS URL (see verifyAdvocateSignature). */
export function createAdvocateSignatureVerifier(options: JwksKeyStoreOptions): AdvocateSignatureVerifier {
  const keys = createJwksKeyStore(options);
  return { keys, verify: (rawBody, header) => verifyWith(keys, rawBody, header) };
}

async function verifyWith(
  keys: JwksKeyStore,
  rawBody: string,
  header: string | null | undefined,
): Promise<AdvocateSignatureCheck> {
  const malformed = (detail: string): AdvocateSignatureCheck => ({ ok: false, reason: "malformed", detail });
  const value = header?.trim();
  if (!value) return { ok: false, reason: "missing header", detail: "no X-Hook-JWS-RFC-7797 header" };
  const parts = value.split(".");
  const [encodedHeader = "", embeddedPayload, signature = ""] = parts;
  if (parts.length !== 3 || embeddedPayload !== "") return malformed("expected a detached JWS: protected..signature");
  if (!BASE64URL.test(encodedHeader) || !BASE64URL.test(signature)) return malformed("the JWS is not base64url");

  let decoded: unknown;
  try {
    decoded = JSON.parse(new TextDecoder().decode(base64url.decode(encodedHeader)));
  } catch {
    return malformed("the protected header is not base64url JSON");
  }
  const parsed = ProtectedHeaderSchema.safeParse(decoded);
  if (!parsed.success) return malformed(parsed.error.issues[0]?.message ?? "unreadable protected header");
  const { kid, b64, crit } = parsed.data;
  // RFC 7797 §6: b64 must be understood, so it is only valid when listed as critical.
  if (b64 === false && !crit?.includes("b64")) return malformed('b64:false requires crit to list "b64"');

  const lookup = await keys.getKey(kid);
  if (!lookup.ok) return lookup;
  try {
    await flattenedVerify(
      // With b64:false the signing input is the raw body itself; otherwise its base64url form.
      { protected: encodedHeader, payload: b64 === false ? rawBody : base64url.encode(rawBody), signature },
      lookup.key,
      { algorithms: ["RS256"] },
    );
    return { ok: true };
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return { ok: false, reason: "bad signature", detail: "the signature does not match the body" };
    }
    return malformed(error instanceof Error ? error.message : "unverifiable JWS");
  }
}

const verifiers = new Map<string, AdvocateSignatureVerifier>();

/** The JWKS of ADVOCATE_API_BASE_URL. */
export function advocateJwksUrl(): string {
  return `${getEnv().ADVOCATE_API_BASE_URL.replace(/\/+$/, "")}/.well-known/jwks.json`;
}

/**
 * Verifies `X-Hook-JWS-RFC-7797` over the raw body against Advocate's JWKS, with the keys cached in this
 * process (one fetch serves every webhook until an unknown kid or an hour passes).
 */
export function verifyAdvocateSignature(
  rawBody: string,
  header: string | null | undefined,
): Promise<AdvocateSignatureCheck> {
  const jwksUrl = advocateJwksUrl();
  let verifier = verifiers.get(jwksUrl);
  if (!verifier) {
    verifier = createAdvocateSignatureVerifier({ jwksUrl });
    verifiers.set(jwksUrl, verifier);
  }
  return verifier.verify(rawBody, header);
}
